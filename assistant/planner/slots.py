"""Slot parsers: ids, contact details, prices, ordinals, colours, sizes and review aspects.

Every parser takes any string and returns a value or an empty result; none raises.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from retrieval.aspects import find_aspects
from retrieval.comparatives import asked_dimensions
from retrieval.query_parser import SearchFilters, parse_query
from retrieval.schema import ORDER_STATUSES
from retrieval.units import quantities, unit_dimension

OPEN_ORDER_STATUSES = ("shipped", "processing", "pending")
"""Orders still on their way, the one nearest to arriving first."""

_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_ZIP_VALUE = (
    r"(\d{5}(?:-?\d{3,4})?|[A-Za-z]\d[A-Za-z][ -]?\d[A-Za-z]\d|[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d"
    r"[A-Za-z]{2}|\d{3,6})"
)
_ZIP_KEYWORD = re.compile(
    rf"\b(?:zip|zipcode|postcode|post code|postal code|postal)(?:\s*code)?\b\s*(?:is|=|:|-)?\s*"
    rf"{_ZIP_VALUE}\b",
    re.I,
)
_ZIP_BARE = re.compile(
    r"(?<![\w$#.,/@-])(\d{5}(?:-\d{3,4})?|[A-Za-z]\d[A-Za-z][ -]?\d[A-Za-z]\d"
    r"|[A-Za-z]{1,2}\d[A-Za-z\d]?\s\d[A-Za-z]{2})(?![\w.,/%-]|\.\d)"
)

_ORDINAL_WORDS = {
    "first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4,
    "sixth": 5, "seventh": 6, "eighth": 7, "ninth": 8, "tenth": 9,
}  # fmt: skip
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_RANGE = re.compile(r"\b(?:first|top)\s+(two|three|four|five|[2-5])\b", re.I)
_ALL_N = re.compile(r"\ball\s+(two|three|four|five)\b|\bthe\s+(two|three)\s+of\s+them\b", re.I)
_BOTH = re.compile(r"\b(?:both|the two|these two|those two|the pair)\b", re.I)
_SECOND_LAST = re.compile(r"\bsecond[- ](?:to[- ])?last\b|\bpenultimate\b", re.I)
_LAST = re.compile(r"\b(?:the|that|this)\s+(?:very\s+)?(?:last|final|bottom)\b", re.I)
_EXCLUDED = re.compile(
    r"\b(?:not|except|besides|other than|apart from|instead of)\s+(?:the\s+|that\s+)?"
    r"(?:first|second|third|fourth|fifth|last|\d{1,2}(?:st|nd|rd|th)|#\s?\d{1,2})\b(?:\s+one)?",
    re.I,
)
"""A position named only to rule it out."""
_SINGLE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)\b"
    r"|(?<![\w&])#\s?(\d{1,2})(?!\d)"
    r"|\b(?:number|no\.|option|item|result|choice|pick)\s*#?\s?(\d{1,2})\b(?![.,]\d)",
    re.I,
)
_BARE_PAIR = re.compile(
    r"(?<![\w$.#])(\d{1,2})\s*(?:and|&|,|vs\.?|versus|with|to)\s*(\d{1,2})(?![\w.%])", re.I
)
_SUPERLATIVE = {
    "cheapest": re.compile(
        r"\b(?:cheapest|least expensive|lowest[- ]priced)\b"
        r"|\bthe (?:cheaper|less expensive|less pricey|lower[- ]priced|more affordable)\b"
        r"|^\W*(?:and |ok |so )?cheaper one\b"
        r"|\b(?:cheaper|less expensive|less pricey) of (?:the|those|these|them)\b"
        r"|\bwhich(?: one| ones)?(?:'?s| is| are)? (?:cheaper|less expensive|less pricey)\b",
        re.I,
    ),
    "priciest": re.compile(
        r"\b(?:priciest|most expensive|highest[- ]priced)\b"
        r"|\bthe (?:pricier|more expensive|higher[- ]priced|dearer)\b"
        r"|\b(?:pricier|more expensive) of (?:the|those|these|them)\b"
        r"|\bwhich(?: one| ones)?(?:'?s| is| are)? (?:pricier|more expensive)\b",
        re.I,
    ),
    "best_rated": re.compile(
        r"\b(?:best|highest|top)[- ]rated\b|\bbest reviewed\b"
        r"|\bthe (?:better|higher)[- ]rated\b|\bthe better one\b"
        r"|(?<!\ba )(?<!\bany )\b(?:better|higher)[- ]rated (?:one|of)\b"
        r"|\bwhich(?: one| ones)?(?:'?s| is| are)? (?:rated (?:higher|better)|better rated)\b"
        r"|\b(?:which(?: one| of (?:them|those|these))?|the one) (?:has|with|w/?|that has)"
        r" (?:the )?(?:better|higher|best) (?:reviews|ratings?)\b"
        r"|\bwhich(?: one)?(?:'?s| is) reviewed (?:better|higher|best)\b"
        r"|(?<!\ba )(?<!\bany )\b(?:better|higher)[- ]reviewed (?:one|of)\b"
        r"|\b(?:people|ppl|reviewers|customers) (?:rate|like) (?:the )?(?:higher|highest|best"
        r"|better|more)\b",
        re.I,
    ),
    "most_reviewed": re.compile(
        r"\b(?:most|more|lots of|the most) (?:reviews|reviewed|ratings)\b|\bmost popular\b", re.I
    ),
    "in_stock": re.compile(
        r"\bthe one (?:that'?s |thats |that is |which is )?(?:in stock|available)\b"
        r"|\bwhich (?:one |of (?:them|those|these) )?(?:is|are) (?:actually |currently |still )?"
        r"(?:in stock|available)\b"
        r"|\b(?:which|what) (?:one |of (?:them|those|these) )?can (?:i|we) (?:actually )?"
        r"(?:buy|order|get(?= (?:now|today|right now)\b))\b",
        re.I,
    ),
    "unreviewed": re.compile(
        r"\b(?:no|zero|without|without any) (?:reviews|ratings)\b|\bunreviewed\b|"
        r"\bnot (?:been )?reviewed\b",
        re.I,
    ),
}
"""How a message picks one product of a list: a superlative, or "the" with a comparative
("the cheaper one" of two)."""
Superlative = Literal[
    "cheapest", "priciest", "best_rated", "most_reviewed", "unreviewed", "in_stock"
]

_CHEAPER = re.compile(
    r"\b(?:cheaper|less expensive|more affordable|lower[- ]priced|lower price|budget|"
    r"less pricey|not so expensive|too expensive|too pricey|costs? less)\b",
    re.I,
)
_PRICIER = re.compile(
    r"\b(?:pricier|more expensive|higher[- ]end|premium|fancier|more upscale|top of the line)\b",
    re.I,
)
_BETTER_RATED = re.compile(r"\b(?:better|higher)[- ]rated\b|\bbetter reviews?\b", re.I)

COLOURS = (
    "black", "white", "red", "blue", "green", "yellow", "orange", "purple", "pink", "brown",
    "grey", "gray", "silver", "gold", "rose gold", "beige", "navy", "teal", "ivory", "cream",
    "khaki", "olive", "maroon", "burgundy", "charcoal", "tan", "turquoise", "lavender", "coral",
    "mint", "stainless steel", "multicolor", "clear",
)  # fmt: skip
_COLOUR = re.compile(
    r"\b(" + "|".join(sorted((re.escape(c) for c in COLOURS), key=len, reverse=True)) + r")\b",
    re.I,
)
_SIZE_WORD = re.compile(
    r"\bsize\b\s*:?\s*(\d[\dx./]{0,5}|XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL|OS)\b", re.I
)
_SIZE_NUMBER = re.compile(r"\bin an? (\d{1,2}(?:\.5)?)\b(?![.,]?\d|%|-|[a-z])", re.I)
_COUNTS = frozenset({"pack", "pk", "pc", "pcs", "piece", "pieces", "count", "ct", "set"})
_SIZE_ALONE = re.compile(
    r"(?:^|[,;]|\bthen)\s*(x-small|extra small|small|medium|large|x-large|extra large)\W*$", re.I
)
_SIZE_CODE = re.compile(r"\b(XXS|XS|XL|XXL|XXXL|[2-5]XL)\b")
_SIZE_NAMED = re.compile(
    r"\b(?:in (?:an? )?|an? |size )(x-small|extra small|small|medium|large|x-large|extra large|"
    r"twin|full|queen|king)\b",
    re.I,
)

_STATUS_WORDS = {
    "pending": "pending", "processing": "processing", "being processed": "processing",
    "shipped": "shipped", "in transit": "shipped", "out for delivery": "shipped",
    "delivered": "delivered",
    "cancelled": "cancelled", "canceled": "cancelled", "returned": "returned",
    "sent back": "returned", "my returns": "returned", "did i return": "returned",
    "any returns": "returned", "their returns": "returned", "send anything back": "returned",
    "sent anything back": "returned", "send something back": "returned",
}  # fmt: skip
_STATUS = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_STATUS_WORDS, key=len, reverse=True)) + r")\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:not|never|n't|havent|hasnt|isnt|arent|wasnt|werent)\s+(?:yet\s+)?(?:been\s+)?$", re.I
)
_WORD = re.compile(r"\d+[a-z]+\b|[a-z][a-z'-]*[a-z]|[a-z]|\d+", re.I)
STOPWORDS = frozenset(
    """a an the and or but if of for to in on at by with from as is are was were be been am do
    does did have has had i me my mine we us our you your it its this that these those them they
    their there here what which who whom how when where why can could would should will shall may
    might must please pls plz thanks thank hi hello hey just also some any anything something one
    ones more most less much many very really so too not no yes ok okay want wanted need needs
    looking look like find show see get give tell know about i'm im i'd i'll it's that's what's
    there's let let's lets search searching buy buying shop shopping got option options else other
    another instead only maybe perhaps kind sort type good great nice new best better actually
    honestly basically literally right now thats same similar alternative alternatives
    gimme out meh tho though thing things whats hows wheres ugh hmm hm then two yeah yea yep yup
    lol thx ty haha umm um uh eh ah oh wow nah""".split()
)


def email(text: str) -> str | None:
    """The first email address in the text."""
    match = _EMAIL.search(text)
    return match.group(0).strip(".") if match else None


def zip_code(text: str, *, bare: bool = False) -> str | None:
    """A postal code: after "zip"/"postcode", or (with `bare`) a lone code of a common shape
    (12345, 12345-678, 12345-6789, "H2X 1Y4", "SW1A 1AA"). Mask the shop's ids out of the text
    first (`ConversationState.masked`), so an order number is not read as a postal code."""
    if match := _ZIP_KEYWORD.search(text):
        return match.group(1).strip().upper()
    if not bare:
        return None
    match = _ZIP_BARE.search(_EMAIL.sub(" ", text))
    return match.group(1).upper() if match else None


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_MONTH = re.compile(
    r"\b(?:in|from|during|of|since|my|the|last)\s+(" + "|".join(_MONTHS) + r")\b"
    r"|\b(" + "|".join(m for m in _MONTHS if len(m) > 3) + r")\b",
    re.I,
)
ORDER_TALK = frozenset(
    """order orders ordered ordering bought buy purchase purchased purchases item items thing
    things stuff package parcel delivery delivered deliver arrive arrived arriving ship shipped
    shipping status track tracking sent come came where when happened update yet still
    received receive get go went placed place check email mail zip zipcode postcode postal code
    cep""".split()
)
"""Words of an order question that say nothing about what was in it."""


def month(text: str) -> int | None:
    """A month named in the text ("in March", "my april order", "november") as 1-12."""
    match = _MONTH.search(text)
    return _MONTHS[(match.group(1) or match.group(2)).lower()] if match else None


def item_words(text: str) -> list[str]:
    """What an order question says was bought ("the garden tools I bought" → garden, tools)."""
    month_words = set(_MONTHS)
    return [
        w
        for w in content_words(text)
        if w not in ORDER_TALK and w not in month_words and not w.isdigit() and len(w) > 2
    ]


def price_filters(text: str) -> SearchFilters:
    """Price (with the currency named, if any), rating and stock constraints in the text (the
    catalog's own query parser; unit limits stay in the query text for the search to read)."""
    try:
        return parse_query(text).filters.model_copy(update={"units": None})
    except (ValueError, ArithmeticError):
        return SearchFilters()


def query_text(text: str) -> str:
    """The text with price, rating and stock phrases removed."""
    try:
        return parse_query(text).text
    except (ValueError, ArithmeticError):
        return text


def price_direction(text: str) -> Literal["down", "up"] | None:
    """Which way the price should move: "down" for "cheaper", "up" for "more expensive"."""
    if _CHEAPER.search(text):
        return "down"
    if _PRICIER.search(text):
        return "up"
    return None


def wants_better_rated(text: str) -> bool:
    """True for "better rated" / "higher rated" / "better reviews"."""
    return bool(_BETTER_RATED.search(text))


def ordinals(text: str, *, bare_pairs: bool = False) -> list[int]:
    """List positions the text points at (0-based; -1 is the last): "the 2nd", "#2", "first two".

    `bare_pairs` also reads "1 and 3" as positions (for "compare 1 and 3").
    """
    if match := _RANGE.search(text):
        return list(range(_COUNT_WORDS[match.group(1).lower()]))
    if match := _ALL_N.search(text):
        return list(range(_COUNT_WORDS[(match.group(1) or match.group(2)).lower()]))
    found: list[tuple[int, int]] = []
    text = _EXCLUDED.sub(lambda m: " " * len(m.group(0)), text)  # "not the first one, the 2nd"
    for match in _SECOND_LAST.finditer(text):
        found.append((match.start(), -2))
    masked = _SECOND_LAST.sub(lambda m: " " * len(m.group(0)), text)
    for match in _SINGLE.finditer(masked):
        word, nth, hashed, numbered = match.groups()
        if word:
            position = _ORDINAL_WORDS[word.lower()]
        else:
            position = int(nth or hashed or numbered) - 1
        if 0 <= position < 20:
            found.append((match.start(), position))
    found += [(m.start(), -1) for m in _LAST.finditer(masked)]
    if bare_pairs and not found:
        for match in _BARE_PAIR.finditer(text):
            for group in (1, 2):
                position = int(match.group(group)) - 1
                if 0 <= position < 20:
                    found.append((match.start(group), position))
    if not found and _BOTH.search(text):
        return [0, 1]
    return list(dict.fromkeys(p for _, p in sorted(found)))


def superlative(text: str) -> Superlative | None:
    """How the text picks a product from a list: "cheapest", "priciest" or "best_rated"."""
    for name, pattern in _SUPERLATIVE.items():
        if pattern.search(text):
            return name  # type: ignore[return-value]
    return None


_OBTAINABLE = re.compile(
    r"\b(?:in stock|available|(?:can|could) (?:i|we) (?:actually )?(?:get|buy|order)"
    r"|(?:i|we) can (?:actually )?(?:get|buy|order))\b",
    re.I,
)


def wants_in_stock(text: str) -> bool:
    """True when a pick must be one that can be bought now ("cheapest one i can actually get"),
    not when whether it can is the question ("is the cheaper one in stock")."""
    return bool(_OBTAINABLE.search(text)) and not _ASKS_WHETHER.match(text)


_ASKS_WHETHER = re.compile(r"\W*(?:(?:ok|okay|so|and|hmm|but|also)\W+)*(?:is|are|does|do)\b", re.I)


def yes_no(value: str) -> bool | None:
    """An attribute value read as yes or no ("Yes", "no", "true"), None for anything else."""
    word = value.strip().lower()
    return True if word in ("yes", "true", "y") else False if word in ("no", "false", "n") else None


def superlative_words(text: str) -> set[str]:
    """The words of the text that say how it picks from a list ("the one thats in stock")."""
    return {w for p in _SUPERLATIVE.values() for m in p.finditer(text) for w in words(m.group(0))}


def without_superlative(text: str) -> str:
    """The text less the words that say how it picks from a list ("which has the better
    reviews, and is it easy to clean" → ", and is it easy to clean")."""
    for pattern in _SUPERLATIVE.values():
        text = pattern.sub(" ", text)
    return text


def colours(text: str) -> list[str]:
    """Colour words in the text, lower-case ("grey" and "gray" kept as written)."""
    return list(dict.fromkeys(m.group(1).lower() for m in _COLOUR.finditer(text)))


def size(text: str) -> str | None:
    """A size asked for: "size 10", "size M", "XL", "in large"."""
    if match := _SIZE_WORD.search(text):
        value = match.group(1)
        return value.upper() if value.isalpha() else value
    if match := _SIZE_CODE.search(text):
        return match.group(1)
    if match := _SIZE_NAMED.search(text):
        return match.group(1).lower()
    if match := _SIZE_ALONE.search(text):  # "alder supply ones in coral, medium?"
        return match.group(1).lower()
    numbers = [*_SIZE_NUMBER.finditer(text), *_after_colour(text)]  # "blue in a 9?", "navy 9"
    for match in numbers:
        after = re.match(r"\s*([a-z]+)\b(?!\s+stock\b)", text[match.end() :], re.I)  # ("in stock")
        if not (after and (unit_dimension(after.group(1)) or after.group(1).lower() in _COUNTS)):
            return match.group(1)  # (not "in a 2 pack", "in a 55 inch")
    return None


def _after_colour(text: str) -> list[re.Match[str]]:
    """Numbers or a size letter right after a colour word ("navy 10.5?", "gray 9",
    "burgundy M?"): a size of that colour."""
    if not (said := colours(text)):
        return []
    shades = "|".join(map(re.escape, said))
    ends = r"(?=\s*(?:$|[?,.!;]|(?:and|or|pls|please|then|too|tho|in stock)\b))"
    sizes = rf"\d{{1,2}}(?:\.5)?(?![.,]?\d|%|-){ends}|(?-i:XXS|XS|S|M|L|XL|XXL)(?=\W*$)"
    return list(re.finditer(rf"\b(?:{shades})\s+({sizes})\b", text, re.I))


def aspect(text: str) -> str | None:
    """The review aspect the text asks about (battery, fit, noise, sound, comfort, …)."""
    found = find_aspects(text)
    return found[0] if found else None


def without_status(text: str) -> str:
    """The text less the words that name an order status ("sent anything back")."""
    return _STATUS.sub(" ", text)


def order_status(text: str) -> str | None:
    """An order status named in the text ("pending", "shipped", "canceled" → "cancelled")."""
    match = _STATUS.search(text)
    if match and _NEGATED.search(text[: match.start()]):
        return None  # "haven't shipped yet": not a status to list by (OPEN_ORDERS reads it)
    status = _STATUS_WORDS.get(match.group(1).lower()) if match else None
    return status if status in ORDER_STATUSES else None


def words(text: str) -> list[str]:
    """Lower-case words and numbers of the text."""
    return [w.lower() for w in _WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Words that carry meaning beyond filler, greetings and pronouns."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


_STOCK_OUT = re.compile(
    r"\b(?:out of stock|sold out|unavailable|not (?:in stock|available))\b"
    r"|\b(?:are|is) we out of\b|\bwe(?:'re| are) out of\b|\bran out of\b",
    re.I,
)
_STOCK_IN = re.compile(r"\b(?:in stock|available)\b", re.I)
_REPORT_SORT = (
    (
        "rating_low",
        re.compile(r"\b(?:worst|lowest|poorly|badly|least)[- ](?:rated|reviewed)\b", re.I),
    ),
    ("rating_high", _SUPERLATIVE["best_rated"]),
    ("price_low", _SUPERLATIVE["cheapest"]),
    ("price_high", _SUPERLATIVE["priciest"]),
)
_REPORT_WORDS = re.compile(
    r"\b(?:which|what|list|show|all|any|items?|products?|are|is|the|currently|right now|now|"
    r"rated|reviewed|worst|lowest|highest|best|top|cheapest|priciest|most|least|expensive|"
    r"poorly|badly|our|we|have|do|me|in|stock|out|of|sold|unavailable|not|available|how many|"
    r"(?<=we )(?:carry|sell|stock|offer)|"
    r"whole|entire|catalog(?:ue)?|shop|store|everything|overall)\b",
    re.I,
)


def report_filters(text: str) -> dict[str, str]:
    """A stock report's stock state and order: "out of stock" → stock=out, "worst rated" →
    sort=rating_low; empty when the text asks for neither."""
    found: dict[str, str] = {}
    if _STOCK_OUT.search(text):
        found["stock"] = "out"
    elif _STOCK_IN.search(text):
        found["stock"] = "in"
    for sort, pattern in _REPORT_SORT:
        if pattern.search(text):
            found["sort"] = sort
            break
    return found


def report_subject(text: str) -> str | None:
    """What a catalog report is about once its stock and order words are removed ("dishwashers")."""
    return " ".join(content_words(_REPORT_WORDS.sub(" ", text))) or None


_NAMED = re.compile(r"\b(?:named|called|name is|name)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})")


_LOOKUP = re.compile(
    r"\b(?:look ?up|pull up|customer|client)\s+(?:the\s+)?((?:customer|client)\s+)?"
    r"([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})",
    re.I,
)
_NOT_NAME = frozenset({"orders", "order", "customer", "customers", "account", "details", "email"})


_POSSESSIVE = re.compile(r"['’]s$")
_CAPITALISED = re.compile(r"\b([A-Z][a-z'-]+ [A-Z][a-z'-]+)\b")


def capitalised_name(text: str, sold: Callable[[list[str]], list[str]]) -> str | None:
    """A first and last name written with capitals ("what orders has Grace Rossi placed"),
    when neither word is one the shop's products use (`sold`: not "Silvane Max")."""
    for match in _CAPITALISED.finditer(text):
        words = match.group(1).split()
        if not sold([w.lower() for w in words]) and not set(map(str.lower, words)) & STOPWORDS:
            return _POSSESSIVE.sub("", match.group(1))
    return None


def person_name(text: str) -> str | None:
    """A person's name given after "named", "called" or "name" (capitalised words), the first
    and last name after "look up" or "customer" in any case ("look up emma harris"), or one
    name after "look up the customer" ("pull up the customer jane")."""
    if found := _NAMED.search(text):
        return found.group(1)
    if found := _LOOKUP.search(text):
        name = []
        for word in found.group(2).split():
            if word.lower() in STOPWORDS or word.lower() in _NOT_NAME:
                break
            name.append(_POSSESSIVE.sub("", word))
            if _POSSESSIVE.search(word):
                break  # "pull up Nora Bell's orders"
        least = 1 if found.group(1) else 2  # "pull up the customer jane"; "look up emma harris"
        return " ".join(name) if len(name) >= least else None
    return None


@cache
def _size_codes() -> dict[str, str]:
    table = yaml.safe_load(resources.files("retrieval").joinpath("data/sizes.yaml").read_text())
    return {name: code for code, names in table.items() for name in [code, *names]}


def size_code(value: str) -> str | None:
    """The size code a size name or code stands for ("medium" → "m", "M" → "m"), if any."""
    return _size_codes().get(value.lower().strip())


def search_args(query: str) -> dict[str, Any]:
    """The search_products arguments a search request makes: its words and price limits."""
    filters = price_filters(query).model_dump(exclude_none=True)
    text = query_text(query) or query
    return {"query": text[:500] or "popular products", **filters}


VARIANT_KEYS = frozenset({"color", "colors", "colour", "colours", "size", "sizes"})
"""Attribute names of the variant options (answered by the variant answer, not as attributes)."""


def asked_attributes(asked: Iterable[str], attributes: dict[str, Any]) -> list[str]:
    """The product's attribute names the content words of a question ask about ("how long does
    the battery last" → battery_life, "is it waterproof" → water, "handle material?" → handle);
    colours and sizes are left to the variant answer."""
    if found := _named_keys(asked, attributes):
        return found
    for dimension in asked_dimensions(list(asked)):  # "how heavy is it": the one in grams
        found = [str(k) for k, v in attributes.items() if dimension in _dimensions(str(v))]
        if found:
            return found[:1]
    return _named_keys(meant_words(asked), attributes)  # "what's it made of" → material


def meant_words(asked: Iterable[str]) -> set[str]:
    """The words shops write for what these question words ask about ("made" → material,
    "flight" → airline, carry-on)."""
    return {m for w in asked for m in _attribute_words().get(w.lower(), ())}


def _named_keys(asked: Iterable[str], attributes: dict[str, Any]) -> list[str]:
    """The attribute names (not colours or sizes) one of the words names or inflects."""
    said = {w.rstrip("s") for w in asked if len(w) > 2}
    found = []
    for key in attributes:
        if str(key).lower() in VARIANT_KEYS:
            continue
        parts = {p.rstrip("s") for p in re.split(r"[_\W]+", str(key).lower()) if len(p) > 2}
        if any(w == p or (len(p) >= 4 and _extends(w, p)) for w in said for p in parts):
            found.append(str(key))
    return found


@cache
def _attribute_words() -> dict[str, list[str]]:
    """Question words → words shops name those attributes by (understand/attribute_words.yaml)."""
    path = resources.files("assistant.planner.understand").joinpath("attribute_words.yaml")
    return {str(k): [str(w) for w in v] for k, v in yaml.safe_load(path.read_text()).items()}


_ENDINGS = frozenset({"es", "ed", "ing", "er", "ers", "y", "ies", "al"})


def _extends(word: str, stem: str) -> bool:
    """ "waterproof" of "water", "batteries" of "batter…": the stem inflected or compounded
    (a rest of four letters or more), not "start" of "star"."""
    rest = word[len(stem) :] if word.startswith(stem) else None
    return rest is not None and (rest in _ENDINGS or len(rest) >= 4)


def _dimensions(value: str) -> set[str]:
    return {q.dimension for q in quantities(value)}
