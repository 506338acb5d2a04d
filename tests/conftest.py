"""Shared fixtures: every test gets its own state directory and a clean environment."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import DEMO_SHOP_DIR, Settings, get_settings

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
_KEYS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "HF_TOKEN")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """State under tmp_path, SHOPASSIST_* and API-key variables cleared."""
    for name in list(os.environ):
        if name.startswith("SHOPASSIST_") or name in _KEYS:
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("SHOPASSIST_HOME", str(home))
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory):
    """One embedder for the whole run: the bundled model, exported to ONNX once."""
    from retrieval.embedder import Embedder

    model = Embedder(home=tmp_path_factory.mktemp("model"))
    model.prepare()
    return model


def write_shop(directory: Path, **files: list[dict | str]) -> Path:
    """Write JSONL files (rows as dicts, or raw strings for broken lines) into a directory."""
    directory.mkdir(parents=True, exist_ok=True)
    for kind, rows in files.items():
        lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
        (directory / f"{kind}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def ingested(
    factory: pytest.TempPathFactory, name: str, embedder: object, **files: list[dict | str]
) -> Settings:
    """The settings of a fresh home where a shop of these files was ingested."""
    from retrieval.ingest import ingest_shop

    root = factory.mktemp(name)
    settings = Settings(home=root / "home")
    ingest_shop(write_shop(root / "shop", **files), settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    """The bundled demo shop ingested once per run into a state directory (copied per use)."""
    from retrieval.ingest import ingest_shop

    home = tmp_path_factory.mktemp("demo") / "home"
    ingest_shop(DEMO_SHOP_DIR, Settings(home=home), embedder=embedder)
    return home


@pytest.fixture
def demo_settings(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings over a private copy of the ingested demo shop."""
    home = tmp_path / "demo-home"
    shutil.copytree(demo_home, home)
    monkeypatch.setenv("SHOPASSIST_HOME", str(home))
    get_settings.cache_clear()
    return Settings(home=home)
