"""Aspects mined from a shop's own reviews at ingest, per category.

For each category (and each ancestor, for categories with few reviews) the phrases reviewers
use for parts and qualities of the product are collected: in English, the words after a
determiner ("the battery life", "its suction") with opinion words stripped; in Chinese, the two
characters before a degree word ("屏幕很清晰" → 屏幕). Phrases found in enough of the category's
reviews become candidates; the category's attribute names ("noise_level" → "noise level") are
seeds. Candidates are merged into aspects when their embeddings are close or a phrase starts
with a single-word aspect ("battery life" joins "battery"). Phrases that name the product itself
(words of the category path or of most of its titles) are left out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from retrieval.aspects import clauses
from retrieval.db import Product, Review, ReviewAspect
from retrieval.embedder import Embedder
from retrieval.sentiment_chinese import is_chinese
from retrieval.sentiment_lexicon import is_opinion_word, tokens

MIN_REVIEWS = 20  # a category with fewer reviews uses its parent's aspects
MIN_SUPPORT = 3  # reviews a phrase must appear in (at least)
MIN_SHARE = 0.02  # … and this share of the category's reviews
MAX_ASPECTS = 25
SIMILAR = 0.7  # cosine similarity at which two phrases name one aspect
TITLE_SHARE = 0.3  # a word in this share of the category's titles names the product itself
COPULAS = frozenset("is was are were feels feel seems seem looks".split())
# Definite determiners: "the battery", "its suction" (indefinite ones mostly introduce things
# that are not parts of the product: "a gift", "a couple of weeks").
DETERMINERS = frozenset("the its their".split())
# English words that end a noun phrase or never name an aspect: function words, common verbs
# and nouns of time, quantity and the purchase itself.
STOP = frozenset(
    """and or but so to of in on at for with from by as if than then is are was were be been
    being am do does did has have had it it's this that these those there here i i'm i've me
    my we you they them he she what which who when where how why very really just also too
    quite much more most about after before up out over again all any some one ones other
    others only own same such no not can will would could should may might must get gets got
    getting make makes made use used using came come comes went go goes going seems seemed
    feel feels felt look looks looked keep keeps kept take takes took start started want
    wanted need needed thing things stuff lot lots bit time times day days week weeks month
    months year years way ways product products item items purchase bought order ordered
    review reviews star stars first last next same whole rest end side part reason few many
    several full main new old older other second entire extra little least job""".split()
)
_DEGREE_ZH = re.compile(
    r"([\u4e00-\u9fff]{2})(?:很|非常|太|挺|特别|比较|真|超|不|还|也|都|有点|蛮|相当)"
)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _phrases_after_determiners(words: list[str]) -> set[str]:
    found: set[str] = set()
    for i, word in enumerate(words):
        if word not in DETERMINERS:
            continue
        j = i + 1
        while j < len(words) and is_opinion_word(words[j]):
            j += 1
        run: list[str] = []
        while j < len(words) and len(run) < 3:
            nxt = words[j]
            if not nxt.isalpha() or nxt in STOP or nxt in DETERMINERS or is_opinion_word(nxt):
                break
            run.append(nxt)
            j += 1
        if run:
            found.add(" ".join(run))
            if len(run) > 1:
                found.add(run[0])
    return found


def _subjects(words: list[str]) -> set[str]:
    """The one or two words right before a copula: "sound quality is great" → sound quality."""
    found: set[str] = set()
    for i, word in enumerate(words):
        if word in COPULAS and i > 0:
            run = words[max(0, i - 2) : i]
            while run and (
                not run[0].isalpha() or run[0] in STOP | DETERMINERS or is_opinion_word(run[0])
            ):
                run = run[1:]
            if run and all(w.isalpha() and w not in STOP and not is_opinion_word(w) for w in run):
                found.add(" ".join(run))
    return found


def english_phrases(text: str) -> set[str]:
    """Candidate aspect phrases of an English text: up to three words after a definite
    determiner, or the subject of a copula, in clauses that also hold an opinion word
    (aspects are what opinions are about; Hu & Liu 2004)."""
    found: set[str] = set()
    for _, clause in clauses(text):
        words = tokens(clause)
        if any(is_opinion_word(w) for w in words):
            found |= _phrases_after_determiners(words) | _subjects(words)
    return found


def chinese_phrases(text: str) -> set[str]:
    """Candidate aspect words of Chinese text: two characters before a degree or negation
    word ("屏幕很清晰" → 屏幕)."""
    return set(_DEGREE_ZH.findall(text))


def phrases(text: str) -> set[str]:
    """Candidate aspect phrases of a review, by its script, singular."""
    found = chinese_phrases(text) if is_chinese(text) else english_phrases(text)
    return {_singular_phrase(p) for p in found}


@dataclass
class Aspect:
    """A mined aspect: its name, the phrases that name it, and the reviews that use them."""

    name: str
    terms: list[str]
    reviews: int = 0
    members: set[int] = field(default_factory=set)


def _names_the_product(phrase: str, product_words: set[str]) -> bool:
    return all(_singular(w) in product_words for w in phrase.split())


def _product_words(category: str, titles: Sequence[str]) -> set[str]:
    words = {_singular(w) for w in tokens(category.replace(">", " "))}
    counts = Counter(w for t in titles for w in {_singular(x) for x in tokens(t)})
    words |= {w for w, n in counts.items() if n >= max(2, TITLE_SHARE * len(titles))}
    return words


def frequent_phrases(
    category: str, used_by: Sequence[set[str]], titles: Sequence[str]
) -> dict[str, set[int]]:
    """Phrases in enough of the category's reviews (`used_by`: each review's phrases) and not
    naming the product itself, most used first, with the indices of the reviews using them."""
    product_words = _product_words(category, titles)
    used: dict[str, set[int]] = defaultdict(set)
    for index, found in enumerate(used_by):
        for phrase in found:
            used[phrase].add(index)
    support = max(MIN_SUPPORT, MIN_SHARE * len(used_by))
    return {
        p: found
        for p, found in sorted(used.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(found) >= support and not _names_the_product(p, product_words)
    }


def merged(
    frequent: dict[str, set[int]], seeds: Iterable[str], vectors: dict[str, np.ndarray]
) -> list[Aspect]:
    """Seeds and frequent phrases merged into aspects, most reviewed first."""
    seed_names = [s for s in dict.fromkeys(_singular_phrase(s) for s in seeds) if s]
    aspects = [Aspect(s, [s], members=set(frequent.get(s, ()))) for s in seed_names]
    for phrase, found in frequent.items():
        if phrase in seed_names:
            continue
        home = _closest(phrase, aspects, vectors)
        if home is None:
            aspects.append(Aspect(phrase, [phrase], members=set(found)))
        else:
            home.terms.append(phrase)
            home.members |= found
    for aspect in aspects:
        aspect.reviews = len(aspect.members)
    kept = [a for a in aspects if a.reviews]
    return sorted(kept, key=lambda a: (-a.reviews, a.name))[:MAX_ASPECTS]


def _singular_phrase(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[:-1] + [_singular(words[-1])]) if words else ""


def _closest(phrase: str, aspects: list[Aspect], vectors: dict[str, np.ndarray]) -> Aspect | None:
    """The aspect a phrase joins: one whose name starts with the same word ("battery life",
    "battery"), else the most similar by embedding (Latin script only) above SIMILAR."""
    first = phrase.split()[0]
    for aspect in aspects:
        if aspect.name.split()[0] == first:
            return aspect
    if phrase not in vectors:
        return None
    best, best_similarity = None, SIMILAR
    for aspect in aspects:
        for term in aspect.terms:
            if (
                term in vectors
                and (sim := float(vectors[phrase] @ vectors[term])) >= best_similarity
            ):
                best, best_similarity = aspect, sim
    return best


def _prefixes(category: str) -> list[str]:
    parts = [p.strip() for p in category.split(">")]
    return [" > ".join(parts[: i + 1]) for i in range(len(parts))]


def mine_shop_aspects(engine: Engine, embedder: Embedder, *, changed: bool = True) -> int:
    """Mine every category's aspects from the stored reviews and replace the table; the count.

    With `changed` false (an ingest that wrote no product or review), aspects already mined are
    kept."""
    with Session(engine) as session:
        if not changed and (held := session.scalar(select(func.count()).select_from(ReviewAspect))):
            return held
        products = session.execute(
            select(Product.product_id, Product.category, Product.title, Product.attributes)
        ).all()
        reviews = session.execute(select(Review.product_id, Review.title, Review.text)).all()
    category_of = {p.product_id: p.category for p in products}
    used_by: dict[str, list[set[str]]] = defaultdict(list)
    titles: dict[str, list[str]] = defaultdict(list)
    seeds: dict[str, list[str]] = defaultdict(list)
    for product in products:
        for prefix in _prefixes(product.category):
            titles[prefix].append(product.title)
            seeds[prefix] += [k.replace("_", " ").lower() for k in product.attributes or {}]
    for review in reviews:
        found = phrases(f"{review.title}. {review.text}" if review.title else review.text)
        for prefix in _prefixes(category_of.get(review.product_id, "")):
            used_by[prefix].append(found)
    frequent = {
        c: frequent_phrases(c, found, titles[c])
        for c, found in used_by.items()
        if len(found) >= MIN_REVIEWS
    }
    latin = {p for found in frequent.values() for p in found}
    latin |= {_singular_phrase(s) for c in frequent for s in seeds[c]}
    terms = sorted(p for p in latin if p and not is_chinese(p))
    vectors = dict(zip(terms, embedder.embed(terms), strict=True)) if terms else {}
    rows = [
        ReviewAspect(category=c, aspect=a.name, terms=a.terms, reviews=a.reviews)
        for c, found in frequent.items()
        for a in merged(found, seeds[c], vectors)
    ]
    with Session(engine) as session, session.begin():
        session.execute(delete(ReviewAspect))
        session.add_all(rows)
    return len(rows)


def category_aspects(engine: Engine, category: str) -> dict[str, list[str]]:
    """The mined aspects (name → terms) of a category, from the nearest level that has some."""
    with Session(engine) as session:
        for prefix in reversed(_prefixes(category)):
            rows = session.scalars(
                select(ReviewAspect).where(ReviewAspect.category == prefix)
            ).all()
            if rows:
                ordered = sorted(rows, key=lambda r: (-r.reviews, r.aspect))
                return {r.aspect: list(r.terms) for r in ordered}
    return {}
