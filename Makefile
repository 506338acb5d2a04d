# Two commands matter: `make demo` (set up, load the demo shop, start the assistant) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo chat test lint eval browser postgres clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

## Set up, ingest the bundled demo shop and start chatting in the terminal.
demo: install
	$(BIN)/shopassist ingest
	$(BIN)/shopassist chat

## Debian's chromium for the browser tests (Playwright drives it via executablePath).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

## Debian's PostgreSQL server for the database tests (tests/pg.py starts one per test session).
postgres:
	@command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
		|| { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

## The whole test suite, the lint, then the evaluation gate (fails under a 95% pass rate).
test: install browser postgres
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check .
	$(BIN)/shopassist eval --fail-under 0.95 --report artifacts/eval

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
