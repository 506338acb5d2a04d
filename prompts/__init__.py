"""Prompts and reply templates live here as files, loaded by name."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> str:
    """The text of `prompts/<name>` (e.g. "customer.md")."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def load_yaml(name: str) -> Any:
    """A YAML prompt file, parsed."""
    return yaml.safe_load(load(name))
