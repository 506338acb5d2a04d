"""deploy/: the pinned vLLM units build the right `vllm serve` command lines."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.config import REPO_ROOT, Settings

DEPLOY = REPO_ROOT / "deploy"
UNITS = {
    "qwen2.5-7b": ("Qwen/Qwen2.5-7B-Instruct", "hermes", None),
    "llama3.1-8b": (
        "meta-llama/Llama-3.1-8B-Instruct",
        "llama3_json",
        "tool_chat_template_llama3.1_json.jinja",
    ),
    "mistral-7b-v0.3": (
        "mistralai/Mistral-7B-Instruct-v0.3",
        "mistral",
        "tool_chat_template_mistral_parallel.jinja",
    ),
}


def serve_llm(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run deploy/serve_llm.py with this interpreter."""
    env = os.environ | ({"PATH": path} if path is not None else {})
    return subprocess.run(
        [sys.executable, str(DEPLOY / "serve_llm.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )


def dry_run(*args: str) -> list[str]:
    """The argv that serve_llm.py would exec."""
    done = serve_llm("--dry-run", *args)
    assert done.returncode == 0, done.stderr
    return shlex.split(done.stdout)


def option(argv: list[str], name: str) -> str:
    """The value after `name` in argv."""
    return argv[argv.index(name) + 1]


def test_every_unit_is_pinned_here() -> None:
    config = yaml.safe_load((DEPLOY / "models.yaml").read_text())
    assert set(config["units"]) == set(UNITS)
    assert config["default"] == "qwen2.5-7b"


@pytest.mark.parametrize("unit", UNITS)
def test_unit_command_line(unit: str) -> None:
    model, parser, template = UNITS[unit]
    argv = dry_run("--unit", unit)
    assert argv[:3] == ["vllm", "serve", model]
    assert "--enable-auto-tool-choice" in argv
    assert option(argv, "--tool-call-parser") == parser
    assert option(argv, "--served-model-name") == model
    assert "--enable-prefix-caching" in argv
    assert int(option(argv, "--max-model-len")) >= 8192
    assert 0 < float(option(argv, "--gpu-memory-utilization")) < 1
    if template is None:
        assert "--chat-template" not in argv  # the tokenizer's own template handles tools
    else:
        assert option(argv, "--chat-template") == f"/vllm-workspace/examples/{template}"


def test_default_unit_serves_the_default_settings_model() -> None:
    argv = dry_run()
    assert option(argv, "--served-model-name") == Settings().llm_model


def test_options_and_extra_vllm_args(tmp_path: Path) -> None:
    argv = dry_run(
        "--unit",
        "llama3.1-8b",
        "--port",
        "9001",
        "--template-dir",
        str(tmp_path),
        "--",
        "--tensor-parallel-size",
        "2",
    )
    assert option(argv, "--port") == "9001"
    assert option(argv, "--chat-template").startswith(f"{tmp_path}/")
    assert argv[-2:] == ["--tensor-parallel-size", "2"]


def test_unknown_unit_is_refused() -> None:
    done = serve_llm("--unit", "gpt-5", "--dry-run")
    assert done.returncode != 0
    assert "qwen2.5-7b" in done.stderr


def test_missing_vllm_says_how_to_install_it(tmp_path: Path) -> None:
    done = serve_llm(path=str(tmp_path))  # an empty PATH: no `vllm` executable
    assert done.returncode != 0
    assert "pip install 'shopassist[gpu]'" in done.stderr


def test_compose_runs_the_default_unit_and_wires_the_app() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["vllm"]["command"] == dry_run()[2:]
    env = services["shopassist"]["environment"]
    assert env["SHOPASSIST_LLM_BASE_URL"] == "http://vllm:8000/v1"
    assert env["SHOPASSIST_LLM_MODEL"] == option(dry_run(), "--served-model-name")
    assert env["SHOPASSIST_CHROMA_URL"] == "http://chroma:8000"
    assert "SHOPASSIST_DATABASE_URL" in env
    assert services["shopassist"]["build"]["dockerfile"] == "deploy/Dockerfile"
    assert services["chroma"]["image"].startswith("chromadb/chroma:")
