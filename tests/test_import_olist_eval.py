"""The Olist eval suite over the real Olist data: import, ingest, run eval/olist/olist.yaml.

Optional: skipped when ../shared/data/olist is absent. The ingest embeds ~6,000 products, so the
whole module takes minutes (marked slow).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.agent import build_agent
from assistant.config import Settings
from eval.results import RunResult
from eval.runner import run_suites
from eval.suite import load_suites
from retrieval.importers.olist import import_olist
from retrieval.ingest import ingest_shop

ROOT = Path(__file__).resolve().parents[1]
OLIST = ROOT.parent / "shared" / "data" / "olist"
SUITE = ROOT / "eval" / "olist" / "olist.yaml"
PASS_RATE = 0.95
"""The gate every shipped suite meets (`make test`: --fail-under 0.95)."""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def olist_run(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[RunResult]:
    if not OLIST.is_dir():
        pytest.skip("../shared/data/olist is not here")
    root = tmp_path_factory.mktemp("olist-eval")
    report = import_olist(OLIST, root / "shop")
    assert report.problem_count == 0
    settings = Settings(home=root / "home", database_url=None, chroma_url=None)
    ingest_shop(root / "shop", settings, embedder=embedder)
    yield run_suites(load_suites([SUITE]), lambda _data: build_agent(settings))


def test_the_olist_suite_covers_what_the_issue_asks() -> None:
    (suite,) = load_suites([SUITE])
    tags = [tag for dialogue in suite.dialogues for tag in dialogue.tags]
    assert len(suite.dialogues) >= 40
    for tag, least in {"status": 8, "by-id": 6, "by-date": 4, "by-item": 4, "verify": 6}.items():
        assert tags.count(tag) >= least, tag
    assert tags.count("other-customer") >= 5


def test_no_olist_dialogue_shows_another_customers_order(olist_run: RunResult) -> None:
    leaks = [
        f"{d.key} turn {t.index}: {c.detail}"
        for d in olist_run.dialogues
        if "security" in d.tags
        for trial in d.trials
        for t in trial.turns
        for c in t.checks
        if c.name == "reply_not_contains" and not c.passed  # the other customer's data
    ]
    assert leaks == []


def test_the_olist_suite_passes_like_the_shipped_ones(olist_run: RunResult) -> None:
    failing = sorted(d.key for d in olist_run.dialogues if not d.passed)
    assert olist_run.metrics is not None
    assert olist_run.metrics.pass_rate >= PASS_RATE, failing
