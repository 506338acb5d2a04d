"""The labelled example utterances (`examples/<intent>.yaml`) and their deterministic split.

Each file holds `intent:` and `groups:`, a list of `{source, examples}`: where the utterances come
from and the utterances themselves. An utterance's split follows from a stable hash of its
normalised text, so adding examples never moves old ones between splits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
HELDOUT_PERCENT = 20
"""Hash buckets 0–19 of 100: the held-out split, never used to fit or choose anything."""
VALIDATION_PERCENT = 16
"""The next 16 buckets (20% of what is left): validation, for choosing hyper-parameters, the
temperature and the confidence threshold."""

Split = Literal["heldout", "validation", "fit"]


@dataclass(frozen=True)
class Example:
    """One labelled utterance."""

    text: str
    intent: str

    @property
    def split(self) -> Split:
        """Which split the utterance belongs to."""
        return split_of(self.text)


def normalise(text: str) -> str:
    """Lower case, whitespace collapsed: the form utterances are compared (and hashed) in."""
    return " ".join(text.lower().split())


def split_of(text: str) -> Split:
    """The split of an utterance, from a stable hash of its normalised text."""
    digest = hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=8).digest()
    bucket = int.from_bytes(digest, "big") % 100
    if bucket < HELDOUT_PERCENT:
        return "heldout"
    return "validation" if bucket < HELDOUT_PERCENT + VALIDATION_PERCENT else "fit"


def load_examples(directory: Path = EXAMPLES_DIR) -> list[Example]:
    """Every example of every intent file, in file order; an utterance listed twice (in one
    intent or two) is an error."""
    examples: list[Example] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        intent = data["intent"]
        if intent != path.stem:
            raise ValueError(f"{path}: intent {intent!r} does not match the file name")
        for group in data["groups"]:
            for text in group["examples"]:
                key = normalise(text)
                if key in seen:
                    raise ValueError(f"{path}: {text!r} is already an example of {seen[key]}")
                seen[key] = intent
                examples.append(Example(text, intent))
    return examples
