"""The shop's own vocabulary, built at ingest: measured attributes with units and feature words.

From every product's attributes, variant options, features and title it keeps
- `numbers`: per dimension (sound, power, people…), each product's values in the base unit
  ("44 dBA" -> 44 dB, "4.5 qt" -> 4.26 L, "2-6 Players" -> 2..6 players; a count of a thing no
  unit measures by the thing: "4-Burner" -> 4 burner, "spf": "50" -> 50 spf); values from
  attributes and options, and from the title and features only for dimensions the attributes
  do not give;
- `terms`: feature words the catalog uses in attribute values and options ("stainless steel",
  "women", "wireless"), yes/no attribute names ("noise cancelling" where the value is "Yes") and
  a short value with its attribute's name ("dark roast" from "roast: Dark"), each with the
  products whose text has it (a synonym counts; "No" excludes; a hyphenated word is one word,
  so "X-Large" does not have "large");
- `kinds`: words of the titles that name a product type ("whey protein", "robot"): they share a
  word with the category's name, at least `KIND_PURITY` of the products whose titles have them
  are in that category, and at least `KIND_COVER` of its titles have them, so a query that
  never spells the category ("vanilla whey protein") still gets it and its feature words;
  `leanings` keeps, for each title word, the category most titles with it are in and their
  share, so the other words of a query can outvote a type word ("cast iron pan" is a skillet,
  not one of the frying pans, when "cast" and "iron" lean to the skillets).
It is stored in SQL (table meta) with a fingerprint of the products and of `FORMAT`, so a search
process uses the ingest's copy and rebuilds only when the products (or this code's output)
changed since.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import numpy as np
import yaml
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from retrieval.db import Meta, Product
from retrieval.units import Quantity, quantities
from retrieval.units import table as unit_table

log = logging.getLogger(__name__)
META_KEY = "vocabulary"
MAX_VALUE_WORDS = 4
MAX_TERM_WORDS = 3
FORMAT = 10  # bump when the vocabulary built from the same products changes
KIND_PURITY = 0.9
KIND_COVER = 0.5
_BARE_NUMBER = re.compile(r"\s*(?:\d{1,3}(?:,\d{3})+|\d{1,7})(?:\.\d+)?\+?\s*")
_COUNT = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d{1,5})\+?"
    r"[ -](?P<noun>[A-Za-z]+(?: [A-Za-z]+)?)"
)
_NOT_MEASURES = {"size", "color", "colour", "model", "year", "version", "sku", "id", "code"}
_DETERMINERS = {"a", "an", "the", "that", "this", "those", "these", "any"}
_YES = {"yes", "true", "y"}
_NO = {"no", "false", "n", "none"}


@cache
def _data() -> dict[str, Any]:
    text = resources.files("retrieval").joinpath("data/synonyms.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _lower(text: str) -> str:
    """Lower case, with the possessive "'s" folded into the word ("women's" → "womens")."""
    return re.sub(r"['’]s\b", "s", str(text).lower())


def normal_words(text: str) -> list[str]:
    """Lower-case singular words; "women's" is "women", "noise-cancelling" two words."""
    return [_singular(w) for w in re.findall(r"[a-z0-9]+", _lower(text))]


def _whole_ngrams(text: str, longest: int = MAX_TERM_WORDS) -> set[str]:
    """The text's word n-grams that do not cut a hyphenated word: "X-Large" gives "x large",
    never "large"; "Noise-Cancelling" gives "noise cancelling"."""
    words: list[str] = []
    starts: set[int] = set()
    for compound in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", _lower(text)):
        starts.add(len(words))
        words += [_singular(w) for w in compound.split("-")]
    starts.add(len(words))
    return {
        " ".join(words[i : i + n])
        for n in range(1, longest + 1)
        for i in range(len(words) - n + 1)
        if i in starts and i + n in starts
    }


def _ngrams(words: list[str], longest: int = MAX_TERM_WORDS) -> Iterable[str]:
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i : i + n])


@cache
def _stemmer():  # noqa: ANN202 - PyStemmer has no type stubs
    import Stemmer

    return Stemmer.Stemmer("english")


@cache
def synonyms() -> dict[str, str]:
    """Every synonym (normalised) to the feature word it stands for."""
    table: dict[str, str] = {}
    for canonical, others in (_data().get("synonyms") or {}).items():
        key = " ".join(normal_words(canonical))
        for other in [canonical, *others]:
            table.setdefault(" ".join(normal_words(other)), key)
    return table


@cache
def stopwords() -> frozenset[str]:
    """Words never read as features."""
    return frozenset(" ".join(normal_words(w)) for w in _data().get("stopwords") or [])


@cache
def negations() -> frozenset[str]:
    """Words that exclude the feature after them."""
    return frozenset(_data().get("negations") or [])


@cache
def _unit_words() -> frozenset[str]:
    return frozenset(
        " ".join(normal_words(str(unit)))
        for entry in unit_table()["dimensions"].values()
        for unit in entry["units"]
    )


def _useful(term: str) -> bool:
    words = term.split()
    if words[0] in stopwords() or words[-1] in stopwords() or term in _unit_words():
        return False
    if any(w.isdigit() for w in words):
        return False
    return len(term) >= 3 or bool(re.fullmatch(r"\d+[a-z]+|[a-z]+\d+", term))  # "4k", "5g"


@dataclass
class ProductFacts:
    """What one product says about itself, as vocabulary input."""

    title: str
    attributes: dict[str, str]
    options: list[str]
    features: list[str]
    other: list[str]  # brand, category and description: words the shop knows, not features
    category: str = ""


def _numbers(facts: ProductFacts) -> tuple[list[tuple[str, float, float]], set[str]]:
    """(dimension, low, high) of each measured value, and the dimensions the attributes or
    options give (the title and features fill only the others)."""
    given = [q for value in [*facts.attributes.values(), *facts.options] for q in quantities(value)]
    given += [
        Quantity(name, value, value, 0, 0) for name, value in _named_numbers(facts.attributes)
    ]
    dims = {q.dimension for q in given}
    extra = [q for text in [facts.title, *facts.features] for q in quantities(text)]
    chosen = given + [q for q in extra if q.dimension not in dims]
    return list(dict.fromkeys((q.dimension, q.low, q.high) for q in chosen)), dims


def measures(title: str, attributes: dict[str, str]) -> dict[str, float]:
    """The largest value of each dimension a product states, its attributes first and its
    title for the others ("brightness: 600 lumens" -> light 600; "Air Fryer 6 qt" -> volume)."""
    found: dict[str, float] = {}
    for dimension, _low, high in _numbers(ProductFacts(title, attributes, [], [], []))[0]:
        found[dimension] = max(high, found.get(dimension, high))
    return found


def _named_numbers(attributes: dict[str, str]) -> list[tuple[str, float]]:
    """Attributes whose value is a bare number, by their name as a measure ("spf": 50), and
    counts of a thing no unit measures, by the thing ("4-Burner": burner 4, "10 spray
    patterns": pattern 10)."""
    found = []
    for name, value in attributes.items():
        words = normal_words(name.replace("_", " "))
        if _BARE_NUMBER.fullmatch(value) and len(words) == 1 and words[0] not in _NOT_MEASURES:
            found.append((words[0], _number(value)))
        elif (count := _COUNT.fullmatch(value.strip())) and not quantities(value):
            noun = normal_words(count.group("noun"))[-1]
            if noun not in _NOT_MEASURES and noun not in _unit_words():
                found.append((noun, _number(count.group("number"))))
    return found


def _qualifies(value_words: list[str], name: str) -> bool:
    """Whether "<value> <name>" is how people ask for the value ("dark roast", "chicken
    flavor"): a one-word name, a value of one or two words without numbers or the name."""
    return (
        0 < len(value_words) <= 2
        and len(name.split()) == 1
        and name not in value_words
        and not any(w.isdigit() for w in value_words)
    )


def _number(text: str) -> float:
    return float(text.strip().rstrip("+").replace(",", ""))


def _feature_words(facts: ProductFacts) -> tuple[set[str], set[str], set[str]]:
    """(vocabulary terms this product contributes, terms it has, yes/no terms it lacks)."""
    contributed: set[str] = set()
    has: set[str] = set()
    lacks: set[str] = set()
    for name, value in facts.attributes.items():
        value_words = normal_words(value)
        name_term = " ".join(normal_words(name.replace("_", " ")))
        if " ".join(value_words) in _YES and name_term:
            contributed.add(name_term)
            has.add(name_term)
        elif " ".join(value_words) in _NO and name_term:
            lacks.add(name_term)
        elif len(value_words) <= MAX_VALUE_WORDS:
            contributed.update(t for t in _whole_ngrams(value) if _useful(t))
            if _qualifies(value_words, name_term):  # "roast": "Dark" -> "dark roast"
                contributed.add(f"{' '.join(value_words)} {name_term}")
                has.add(f"{' '.join(value_words)} {name_term}")
    for option in facts.options:
        if len(normal_words(option)) <= MAX_VALUE_WORDS:
            contributed.update(t for t in _whole_ngrams(option) if _useful(t))
    texts = [facts.title, *facts.attributes.values(), *facts.options, *facts.features]
    for text in texts:
        has.update(_whole_ngrams(text))
    table = synonyms()
    has |= {table[t] for t in has if t in table}
    return contributed, has - lacks, lacks


@dataclass
class Vocabulary:
    """Measured values per dimension and products per feature word, in catalog order."""

    fingerprint: str
    numbers: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # dim -> (rows, low, high)
    terms: dict[str, np.ndarray]  # feature word -> rows having it
    size: int
    words: frozenset[str] = frozenset()  # stems of every word of the products' own text
    measured: frozenset[str] = frozenset()  # dimensions some attribute or option gives
    listed: dict[str, np.ndarray] = field(default_factory=dict)  # word -> rows listing it as
    # an attribute or option value (the data file's feature words: rows having it)
    kinds: dict[str, str] = field(default_factory=dict)  # title words -> the category they name
    leanings: dict[str, tuple[str, float]] = field(default_factory=dict)  # title word ->
    # (category most titles with it are in, their share)

    @classmethod
    def build(cls, facts: list[ProductFacts], fingerprint: str) -> Vocabulary:
        """The vocabulary of these products (in catalog order)."""
        values: dict[str, list[tuple[int, float, float]]] = {}
        vocabulary: set[str] = set()
        having: list[set[str]] = []
        listing: list[set[str]] = []
        words: set[str] = set()
        measured: set[str] = set()
        for row, product in enumerate(facts):
            for text in [product.title, *product.attributes, *product.attributes.values(),
                         *product.options, *product.features, *product.other]:  # fmt: skip
                words.update(normal_words(text))
            found, given = _numbers(product)
            measured |= given
            for dim, low, high in found:
                values.setdefault(dim, []).append((row, low, high))
            contributed, has, _lacks = _feature_words(product)
            vocabulary |= contributed
            having.append(has)
            listing.append({synonyms().get(t, t) for t in contributed} | contributed)
        vocabulary |= {synonyms()[t] for t in vocabulary if t in synonyms()}
        general = set(synonyms().values())
        vocabulary |= general & set().union(*having)  # the data file's words
        members: dict[str, list[int]] = {t: [] for t in vocabulary}
        listers: dict[str, list[int]] = {t: [] for t in vocabulary}
        for row, (has, lists) in enumerate(zip(having, listing, strict=True)):
            for term in has & vocabulary:
                members[term].append(row)
            for term in (lists | (has & general)) & vocabulary:
                listers[term].append(row)
        numbers = {
            dim: (
                np.array([r for r, _, _ in rows], dtype=np.int64),
                np.array([lo for _, lo, _ in rows]),
                np.array([hi for _, _, hi in rows]),
            )
            for dim, rows in values.items()
        }
        terms = {t: np.array(rows, dtype=np.int64) for t, rows in members.items() if rows}
        stems = frozenset(_stemmer().stemWords(sorted(words)))
        listed = {t: np.array(rows, dtype=np.int64) for t, rows in listers.items() if rows}
        return cls(fingerprint=fingerprint, numbers=numbers, terms=terms, size=len(facts),
                   words=stems, listed=listed, measured=frozenset(measured),
                   **_kinds(facts))  # fmt: skip

    def knows(self, word: str) -> bool:
        """Whether the shop's products use this word (compared as stems)."""
        return _stemmer().stemWord(word) in self.words

    def find_terms(self, text: str) -> list[tuple[str, bool, str]]:
        """Feature words of this shop in a query, longest first: (word, negated, as typed)."""
        words = normal_words(text)
        found: list[tuple[str, bool, str]] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_TERM_WORDS, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                term = synonyms().get(phrase, phrase)
                if term in self.terms and _useful(phrase):
                    before = words[max(0, i - 2) : i]
                    negated = bool(before) and (
                        before[-1] in negations()
                        or (before[0] in negations() and before[-1] in _DETERMINERS)
                    )  # "not glass", "not that gyro"
                    found.append((term, negated, phrase))
                    i += n
                    break
            else:
                i += 1
        return list(dict.fromkeys(found))

    @cached_property
    def named_measures(self) -> tuple[str, ...]:
        """Measured dimensions named by an attribute rather than a unit ("spf", "page"); not a
        one-letter one ("1,000 A" of jump starters), which would read "a 19 inch deck" as 19 A."""
        units = set(unit_table()["dimensions"])
        return tuple(sorted(d for d in self.measured if d not in units and len(d) > 1))

    def kind_of(self, text: str) -> str | None:
        """The one category the type words of a query name (longest words first), if any."""
        words = normal_words(text)
        named: set[str] = set()
        i = 0
        while i < len(words):
            for n in range(min(MAX_TERM_WORDS, len(words) - i), 0, -1):
                if category := self.kinds.get(" ".join(words[i : i + n])):
                    named.add(category)
                    i += n
                    break
            else:
                i += 1
        if len(named) != 1:
            return None
        category = named.pop()
        votes: Counter[str] = Counter()
        for word in set(words):
            if word in self.leanings:
                leaning, share = self.leanings[word]
                votes[leaning] += share
        return category if votes[category] >= max(votes.values(), default=0) else None

    def to_json(self) -> str:
        """The vocabulary as stored in SQL."""
        return json.dumps(
            {
                "fingerprint": self.fingerprint,
                "size": self.size,
                "numbers": {
                    d: [r.tolist(), lo.tolist(), hi.tolist()]
                    for d, (r, lo, hi) in self.numbers.items()
                },
                "terms": {t: rows.tolist() for t, rows in self.terms.items()},
                "listed": {t: rows.tolist() for t, rows in self.listed.items()},
                "words": sorted(self.words),
                "measured": sorted(self.measured),
                "kinds": self.kinds,
                "leanings": self.leanings,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Vocabulary:
        """A stored vocabulary."""
        data = json.loads(text)
        return cls(
            fingerprint=data["fingerprint"],
            size=data["size"],
            numbers={
                d: (np.array(r, dtype=np.int64), np.array(lo), np.array(hi))
                for d, (r, lo, hi) in data["numbers"].items()
            },
            terms={t: np.array(rows, dtype=np.int64) for t, rows in data["terms"].items()},
            words=frozenset(data.get("words") or []),
            measured=frozenset(data.get("measured") or []),
            listed={t: np.array(r, dtype=np.int64) for t, r in data.get("listed", {}).items()},
            kinds=data.get("kinds") or {},
            leanings={w: (c, s) for w, (c, s) in (data.get("leanings") or {}).items()},
        )


def _kinds(facts: list[ProductFacts]) -> dict[str, Any]:
    """`kinds` and `leanings` of these products (see the module docstring); none in a shop with
    a single category."""
    sizes = Counter(f.category for f in facts)
    if len(sizes) < 2:
        return {}
    counts: dict[str, Counter[str]] = {}
    for product in facts:
        for phrase in set(_ngrams(normal_words(product.title))):
            if _useful(phrase):
                counts.setdefault(phrase, Counter())[product.category] += 1
    leaves = {c: set(normal_words(c.split(" > ")[-1])) for c in sizes}
    kinds, leanings = {}, {}
    for phrase, by_category in counts.items():
        category, count = by_category.most_common(1)[0]
        purity, cover = count / by_category.total(), count / sizes[category]
        if count >= 2 and " " not in phrase:
            leanings[phrase] = (category, round(purity, 3))
        typed = bool(set(phrase.split()) & leaves[category])  # "whey protein": Protein Powder
        if typed and count >= 2 and purity >= KIND_PURITY and cover >= KIND_COVER:
            kinds[phrase] = category
    return {"kinds": kinds, "leanings": leanings}


def fingerprint(rows: Iterable[tuple[str, str]]) -> str:
    """A digest of (product id, content hash) pairs in catalog order."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"format {FORMAT}\n".encode())
    for product_id, content in rows:
        digest.update(f"{product_id}\t{content}\n".encode())
    return digest.hexdigest()


def _product_facts(product: Product) -> ProductFacts:
    options = [
        str(value)
        for variant in product.variants or []
        for value in (variant.get("options") or {}).values()
    ]
    return ProductFacts(
        title=product.title,
        attributes={str(k): str(v) for k, v in (product.attributes or {}).items()},
        options=list(dict.fromkeys(options)),
        features=[str(f) for f in product.features or []],
        other=[product.brand or "", product.category, product.description],
        category=product.category,
    )


def build_from_db(engine: Engine) -> Vocabulary:
    """Build the vocabulary of the products in SQL."""
    with Session(engine) as session:
        products = session.scalars(select(Product).order_by(Product.product_id)).all()
        digest = fingerprint((p.product_id, p.content_hash) for p in products)
        return Vocabulary.build([_product_facts(p) for p in products], digest)


def save_vocabulary(engine: Engine) -> Vocabulary:
    """Build the vocabulary at ingest and store it in SQL."""
    vocabulary = build_from_db(engine)
    with Session(engine) as session, session.begin():
        session.merge(Meta(key=META_KEY, value=vocabulary.to_json()))
    return vocabulary


def load_vocabulary(engine: Engine, current: str) -> Vocabulary:
    """The stored vocabulary when it matches the products' fingerprint, else a fresh build,
    stored for the next process (a shop ingested before vocabularies existed builds it once)."""
    with Session(engine) as session:
        stored = session.get(Meta, META_KEY)
        text = stored.value if stored else None
    if text:
        vocabulary = Vocabulary.from_json(text)
        if vocabulary.fingerprint == current:
            return vocabulary
    try:
        return save_vocabulary(engine)
    except SQLAlchemyError as exc:  # a read-only database still gets a vocabulary
        log.warning("could not store the shop vocabulary: %s", exc)
        return build_from_db(engine)
