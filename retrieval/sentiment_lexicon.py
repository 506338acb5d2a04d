"""Text pieces for review sentiment: sentences, negation-marked words, and a small
hand-written lexicon with negation, boosters and "but" clauses."""

from __future__ import annotations

import math
import re

# Valence of single words, -3 (very negative) … +3 (very positive). Review-domain words such as
# "works", "fits" or "holds" carry a small positive weight so that negating them ("doesn't work",
# "won't hold a charge") reads as a complaint.
_WORDS: dict[str, float] = {
    **dict.fromkeys(
        "excellent amazing awesome fantastic superb outstanding perfect perfectly flawless "
        "wonderful incredible phenomenal brilliant best love loved loves lovely favorite "
        "favourite exceptional stellar impressive impressed gorgeous beautiful beautifully "
        "thrilled delighted ecstatic lifesaver kudos".split(),
        3.0,
    ),
    **dict.fromkeys(
        "great good nice happy pleased glad solid sturdy reliable comfortable comfy recommend "
        "recommended recommending satisfied enjoy enjoyed enjoying pleasant terrific "
        "durable smooth crisp clear quiet fast quick easy easily effective efficient handy "
        "useful convenient worth bargain sleek stylish cute elegant fabulous superior "
        "well-made quality accurate responsive seamless seamlessly helpful friendly "
        "affordable generous fresh delicious tasty soft clean secure snug sharp bright "
        "exceeded exceeds excited wow pleasure pleasantly remarkable works worked working "
        "wins winner ideal rocks happier hassle-free painless effortless effortlessly "
        "leakproof spotless breeze".split(),
        2.0,
    ),
    **dict.fromkeys(
        "ok okay decent adequate fair reasonable fits fit fitting holds hold held work "
        "functional functions improved improvement upgrade cheaper value sufficient "
        "like likes liked protects protect protected charges lasts lasted responded replied "
        "response answered helped fine cool neat strong enough reasonably better "
        "sooner".split(),
        1.0,
    ),
    **dict.fromkeys(
        "terrible horrible awful worst garbage junk useless worthless hate hated hates "
        "disgusting pathetic atrocious abysmal dreadful ripoff rip-off scam fraud "
        "unacceptable unusable dangerous defective disaster nightmare refund unbearable".split(),
        -3.0,
    ),
    **dict.fromkeys(
        "bad poor poorly disappointed disappointing disappointment broke broken breaks "
        "break cracked crack fails failed failure faulty flimsy cheaply mediocre "
        "annoying annoyed frustrating frustrated frustration uncomfortable painful "
        "unreliable problem problems issue issues noisy slow sloppy waste wasted "
        "returned returning complaint complaints dies died dead malfunction malfunctioned "
        "stuck wrong mistake error errors inferior overpriced unhappy regret "
        "regretted sucks sucked lousy crappy crap weak difficult hard hassle shoddy "
        "leaks leaked leaking rusted rust ripped torn tear flaw flawed damaged "
        "unstable wobbly stiff itchy scratchy smells stinks ugly fake "
        "avoid beware warning stopped quit stops lacks lacking lack missing "
        "unfortunately sadly sad upset angry bland stale burnt fuzzy blurry "
        "static drops dropped dropping worse confusing misleading inaccurate dissatisfied "
        "unsatisfied disappoints disappoint fail glitch glitches glitchy buggy crash "
        "crashes crashed freezes froze freeze lag laggy overheats overheating muffled "
        "distorted tinny fragile disconnects disconnected impossible joke".split(),
        -2.0,
    ),
    **dict.fromkeys(
        "cheap return pricey expensive small tight loose meh average bulky heavy "
        "flimsier thin scratches scratched odd strange weird trouble drains drained "
        "intermittent echo refused fuss gripe gripes nitpick chemical dropout dropouts "
        "residue scuffs muddy boomy nonexistent".split(),
        -1.0,
    ),
}

# Multi-word expressions, matched before single words; their words are then not scored again.
_PHRASES: dict[str, float] = {
    "stopped working": -3.0,
    "stop working": -3.0,
    "quit working": -3.0,
    "fell apart": -3.0,
    "falls apart": -3.0,
    "falling apart": -3.0,
    "waste of money": -3.0,
    "waste of time": -3.0,
    "piece of junk": -3.0,
    "piece of crap": -3.0,
    "piece of garbage": -3.0,
    "do not buy": -3.0,
    "don't buy": -3.0,
    "dont buy": -3.0,
    "money back": -2.0,
    "sent it back": -2.0,
    "send it back": -2.0,
    "sending it back": -2.0,
    "went back": -1.0,
    "broke down": -3.0,
    "gave up": -2.0,
    "fall off": -2.0,
    "falls off": -2.0,
    "fell off": -2.0,
    "runs small": -1.0,
    "runs large": -1.0,
    "runs big": -1.0,
    "too small": -2.0,
    "too big": -2.0,
    "too large": -2.0,
    "too tight": -2.0,
    "too loose": -2.0,
    "too short": -2.0,
    "too long": -1.5,
    "too expensive": -2.0,
    "too much": -1.0,
    "too hard": -2.0,
    "too soft": -1.5,
    "too loud": -2.0,
    "too slow": -2.0,
    "too quiet": -2.0,
    "life saver": 3.0,
    "blew me away": 3.0,
    "expected more": -2.0,
    "expected a lot more": -2.0,
    "expected better": -2.0,
    "on hold": -1.5,
    "tips over": -2.0,
    "blown away": 3.0,
    "in no time": 2.0,
    "no questions asked": 2.0,
    "spot on": 2.0,
    "stays put": 1.5,
    "on time": 1.0,
    "a breeze": 2.0,
    "hold a charge": 1.0,
    "holds a charge": 1.0,
    "holds up": 2.0,
    "held up": 2.0,
    "as described": 1.5,
    "as advertised": 1.5,
    "as expected": 1.0,
    "true to size": 2.0,
    "five stars": 3.0,
    "5 stars": 3.0,
    "one star": -3.0,
    "1 star": -3.0,
    "zero stars": -3.0,
    "two stars": -2.0,
    "thumbs up": 2.0,
    "thumbs down": -2.0,
    "well made": 2.0,
    "well built": 2.0,
    "well designed": 2.0,
    "poorly made": -3.0,
    "cheaply made": -3.0,
    "badly made": -3.0,
    "good value": 2.5,
    "great value": 3.0,
    "money's worth": 2.0,
    "works well": 2.5,
    "works fine": 2.0,
    "works great": 3.0,
    "works perfectly": 3.0,
    "worth every penny": 3.0,
    "easy to use": 2.0,
    "hard to use": -2.0,
    "difficult to use": -2.0,
    "must have": 2.5,
    "must-have": 2.5,
    "no problem": 2.0,
    "no problems": 2.0,
    "no issues": 2.0,
    "no complaints": 2.0,
    "not a problem": 2.0,
    "go wrong": -2.0,
    "went wrong": -2.0,
    "can't beat": 2.5,
    "cannot beat": 2.5,
    "can't go wrong": 2.5,
    "cannot go wrong": 2.5,
    "couldn't be happier": 3.0,
    "could not be happier": 3.0,
    "can't complain": 2.0,
    "cannot complain": 2.0,
    "not worth": -2.5,
    "not even": -1.0,
    "kind of": 0.0,
    "sort of": 0.0,
    "at least": 0.0,
    "better than": 1.5,
    "worse than": -1.5,
    "no longer": -1.5,
    "after a week": -1.0,
    "after a month": -1.0,
    "after two weeks": -1.0,
    "after a few days": -1.0,
    "after a few weeks": -1.0,
    "within a week": -1.0,
    "within a month": -1.0,
}

_NEGATORS = frozenset(
    "not no never none nothing nobody neither nor without cannot cant dont doesnt didnt isnt "
    "wasnt arent werent wont wouldnt couldnt shouldnt hasnt havent hadnt aint".split()
)
_BOOSTERS: dict[str, float] = {
    **dict.fromkeys(
        "very really extremely so super absolutely totally completely incredibly highly "
        "truly utterly seriously insanely exceptionally especially most quite".split(),
        0.3,
    ),
    **dict.fromkeys("slightly somewhat bit little barely marginally fairly".split(), -0.3),
}
_CONTRAST = frozenset({"but", "however", "although", "though", "yet", "except"})
_NEGATION_SCALE = -0.74
_SCOPE = 3
_TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*|[!?]|[:;]-?[()dp]", re.I)
_EMOTICONS = {":)": 2.0, ":-)": 2.0, ":d": 2.5, ";)": 1.5, ":(": -2.0, ":-(": -2.0}
_MAX_PHRASE = max(len(p.split()) for p in _PHRASES)
_NORMALISER = 15.0
_CLAUSE_END = re.compile(r"[.,;:!?()\n]+")  # where a negation's scope ends


_SENTENCE = re.compile(r"(?:[^.!?\n;]|[.!?]+(?=[^\s.!?]))+[.!?]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (cut at . ! ? ; and line breaks, not inside "2.5")."""
    return [m.span() for m in _SENTENCE.finditer(text) if any(c.isalnum() for c in m.group(0))]


def sentences(text: str) -> list[str]:
    """The sentences of a text, stripped; the whole text if it has none."""
    found = [text[a:b].strip() for a, b in sentence_spans(text)]
    return found or [text]


def tokens(text: str) -> list[str]:
    """Lower-case words (apostrophes kept), '!' and '?' marks, and emoticons."""
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def _is_negator(token: str) -> bool:
    return token.replace("'", "") in _NEGATORS or token.endswith("n't")


def _valences(words: list[str]) -> list[tuple[int, float]]:
    """(position, valence) of each lexicon hit, multi-word expressions first."""
    hits: list[tuple[int, float]] = []
    i = 0
    while i < len(words):
        for size in range(min(_MAX_PHRASE, len(words) - i), 1, -1):
            phrase = " ".join(words[i : i + size])
            if phrase in _PHRASES:
                if _PHRASES[phrase]:
                    hits.append((i, _PHRASES[phrase]))
                i += size
                break
        else:
            word = words[i]
            value = _WORDS.get(word, _EMOTICONS.get(word, 0.0))
            if value:
                hits.append((i, value))
            i += 1
    return hits


def _adjusted(words: list[str], position: int, value: float) -> float:
    """Apply boosters and negation in the few words before a hit."""
    start = max(0, position - _SCOPE)
    window = words[start:position]
    for word in window:
        if word in _BOOSTERS:
            value += math.copysign(_BOOSTERS[word], value)
    if any(_is_negator(word) for word in window):
        value *= _NEGATION_SCALE
    return value


def lexicon_score(text: str) -> float:
    """Polarity of a text in [-1, 1] from the lexicon (0 when no sentiment word is found)."""
    words = tokens(text)
    if not words:
        return 0.0
    contrast = max((i for i, w in enumerate(words) if w in _CONTRAST), default=-1)
    total = 0.0
    for position, value in _valences(words):
        value = _adjusted(words, position, value)
        if contrast >= 0:
            value *= 0.5 if position < contrast else 1.5
        total += value
    if total:
        total += math.copysign(min(words.count("!"), 3) * 0.3, total)
    return total / math.sqrt(total * total + _NORMALISER)


def negation_marked_tokens(text: str) -> list[str]:
    """The words of a text in order, those after a negator up to the end of its clause (the next
    punctuation mark) prefixed "not_" (Das & Chen 2001, Pang et al. 2002)."""
    marked: list[str] = []
    for clause in _CLAUSE_END.split(text):
        negated = False
        for word in tokens(clause):
            if _is_negator(word):
                marked.append(word)
                negated = True
            elif word not in {"!", "?"}:
                marked.append(f"not_{word}" if negated else word)
    return marked


def is_opinion_word(word: str) -> bool:
    """Whether a lower-case word carries valence, intensifies or negates (not an aspect)."""
    return word in _WORDS or word in _BOOSTERS or _is_negator(word)
