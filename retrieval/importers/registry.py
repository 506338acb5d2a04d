"""Importers that turn a source (a file or a folder of a public format) into a shop directory.

Each one registers under the FORMAT name of `shopassist import FORMAT SRC OUT`; the CLI makes one
command per entry, so adding a format is one `register(...)` call in its module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from retrieval.importers.common import ImportReport

ImportFunction = Callable[[Path, Path, bool], ImportReport]
"""(source file or folder, output shop directory, show a progress bar) -> what was written."""


@dataclass(frozen=True)
class Importer:
    """One source format: its name on the command line, a one-line help and the function."""

    name: str
    summary: str
    run: ImportFunction


IMPORTERS: dict[str, Importer] = {}


def register(name: str, summary: str) -> Callable[[ImportFunction], ImportFunction]:
    """Decorator: list an import function under `shopassist import NAME SRC OUT`."""

    def add(function: ImportFunction) -> ImportFunction:
        if name in IMPORTERS:
            raise ValueError(f"importer {name!r} is registered twice")
        IMPORTERS[name] = Importer(name, summary, function)
        return function

    return add


def run_import(name: str, source: Path, out_dir: Path, *, show_progress: bool) -> ImportReport:
    """Run the importer registered as `name`; ValueError naming the known ones otherwise."""
    importer = IMPORTERS.get(name)
    if importer is None:
        known = ", ".join(sorted(IMPORTERS)) or "none"
        raise ValueError(f"unknown import format {name!r} (known: {known})")
    if not source.exists():
        raise ValueError(f"{source}: no such file or folder")
    return importer.run(source, out_dir, show_progress)
