"""Words shoppers use to ask about an aspect ("is it quiet?" → noise), for reading questions.

Summaries do not use this list to find aspects in reviews: those are mined from the shop's own
reviews at ingest (`retrieval.aspect_mining`). It serves the planner, which recognises the
aspect a question is about, and widens a question's aspect to its synonyms when the reviews are
searched for it.
"""

from __future__ import annotations

import re

ASPECTS: dict[str, tuple[str, ...]] = {
    "battery": (
        "battery", "batteries", "battery life", "charge", "charges", "charging", "charger",
        "recharge", "rechargeable", "runtime", "run time",
    ),
    "sound": (
        "sound", "sounds", "audio", "bass", "treble", "volume", "speaker", "speakers",
        "sound quality", "vocals", "earpiece",
    ),
    "noise cancelling": (
        "noise cancelling", "noise canceling", "noise-cancelling", "noise-canceling", "anc",
    ),
    "microphone": ("microphone", "mic", "mics"),
    "fit": (
        "fit", "fits", "fitting", "fitted", "sizing", "true to size", "runs small",
        "runs large", "runs big", "too tight", "too loose", "snug", "baggy", "size up",
        "size down", "size chart",
    ),
    "size": (
        "size", "sizes", "too small", "too big", "too large", "dimensions", "compact",
        "bulky", "takes up",
    ),
    "comfort": (
        "comfort", "comfortable", "comfy", "uncomfortable", "cushioning", "cushioned",
        "padding", "padded", "itchy", "chafe", "chafes", "pinch", "pinches",
    ),
    "arch support": ("arch support", "supportive", "lack of support"),
    "noise": (
        "noise", "noisy", "loud", "louder", "quiet", "quieter", "quietly", "silent",
        "silently", "whisper", "rattle", "rattles", "rattling", "hum", "hums", "humming",
        "buzz", "buzzing", "racket",
    ),
    "assembly": (
        "assembly", "assemble", "assembled", "assembling", "set up", "setup", "setting it up",
        "install", "installation", "installed", "installing", "put together",
        "putting together",
    ),
    "instructions": ("instructions", "instruction", "manual", "directions", "user guide"),
    "durability": (
        "durability", "durable", "lasted", "lasts", "long lasting", "long-lasting",
        "broke", "broken", "breaks", "fell apart", "falls apart", "wore out", "wear out",
        "worn out", "signs of wear", "held up", "holding up", "holds up", "built to last",
        "stopped working", "quit working", "died", "going strong", "like new", "showing wear",
    ),
    "quality": (
        "quality", "build quality", "build", "well made", "well-made", "cheaply made",
        "poorly made", "craftsmanship", "construction", "flimsy", "solid", "sturdy",
        "feels cheap", "quality control",
    ),
    "material": (
        "material", "materials", "fabric", "leather", "cotton", "stitching", "seams", "pilled",
        "pilling", "fading",
    ),
    "value": (
        "value", "price", "priced", "pricey", "worth", "worth it", "money", "cost", "costs",
        "expensive", "overpriced", "bargain", "affordable", "deal", "cheap", "cheaper", "steal",
        "paid",
    ),
    "shipping": (
        "shipping", "shipped", "delivery", "delivered", "arrived", "arrival", "courier",
        "tracking", "on time", "late", "showed up",
    ),
    "packaging": ("packaging", "package", "packaged", "packed", "boxed", "wrapping"),
    "customer service": (
        "customer service", "customer support", "support team", "seller", "warranty",
        "refund", "replacement", "return policy", "on hold", "support",
    ),
    "ease of use": (
        "ease of use", "easy to use", "hard to use", "difficult to use", "simple to use",
        "complicated to use", "user friendly", "user-friendly", "intuitive", "controls",
        "buttons", "interface", "settings",
    ),
    "app": ("app", "apps", "companion app"),
    "taste": ("taste", "tastes", "tasted", "flavor", "flavors", "flavour", "flavours",
              "aftertaste"),
    "freshness": ("fresh", "freshness", "stale", "expiration date"),
    "smell": ("smell", "smells", "scent", "scents", "odor", "odour", "fragrance", "stinks"),
    "texture": ("texture", "greasy", "clumps", "clumpy", "residue"),
    "screen": ("screen", "display", "resolution", "touchscreen", "touch screen",
               "dead pixels"),
    "brightness": ("brightness", "bright", "dim", "dimmer"),
    "video": ("video", "video quality", "picture quality", "night vision"),
    "weight": ("weight", "heavy", "heavier", "lightweight", "lighter", "weighs"),
    "design": ("design", "designed", "looks", "style", "stylish", "color", "colour",
               "appearance", "finish"),
    "cleaning": ("cleaning", "clean", "cleans", "cleanup", "wash", "washing", "washable",
                 "dishwasher safe"),
    "performance": ("performance", "performs", "power", "powerful", "underpowered",
                    "suction"),
    "speed": ("speed", "slow", "slower", "takes forever"),
    "temperature": ("temperature", "thermostat", "ice cold", "heat", "heats", "heating",
                    "hot spots"),
    "capacity": ("capacity", "roomy", "plenty of room"),
    "waterproofing": ("waterproof", "waterproofing", "water resistant", "water-resistant",
                      "soaked", "downpour"),
    "leaks": ("leak", "leaks", "leaked", "leaking", "leakproof", "leak-proof"),
    "breathability": ("breathable", "breathability", "breathes", "sweaty", "clammy"),
    "warmth": ("warm", "warmth", "warmer", "toasty"),
    "accuracy": ("accuracy", "accurate", "accurately", "inaccurate", "readings"),
    "sharpness": ("sharpness", "razor sharp", "dull", "blade", "blades"),
    "nonstick": ("nonstick", "non-stick", "coating"),
    "stability": ("stability", "stable", "unstable", "wobble", "wobbles", "wobbly",
                  "tips over"),
    "thickness": ("thickness", "thick", "thin", "thinner"),
    "safety": ("safety", "safe", "unsafe"),
    "grip": ("grip", "grips", "traction", "slippery", "non-slip"),
    "connectivity": (
        "bluetooth", "wifi", "wi-fi", "connection", "connects", "pairing", "paired",
        "connectivity", "signal", "reception", "disconnects", "dropout",
    ),
    "skin": ("skin",),
    "results": ("results",),
    "sleep": ("sleep", "asleep", "sleeping"),
    "fun": ("fun", "boring", "bored"),
    "pieces": ("pieces",),
    "story": ("story", "plot", "ending"),
    "characters": ("characters", "character development"),
    "writing": ("writing", "prose", "well written", "poorly edited"),
    "recipes": ("recipe", "recipes"),
    "illustrations": ("illustrations", "photos", "photography", "pictures"),
}  # fmt: skip
# Names people ask about that are spelled differently from the aspect they mean.
_ALIASES = {"price/value": "value"}

_ASPECT_OF = {word: name for name, words in ASPECTS.items() for word in words}
_ASPECT_OF.update({name: name for name in ASPECTS})
_MENTION = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_ASPECT_OF, key=len, reverse=True)) + r")\b",
    re.I,
)


def resolve_aspect(name: str) -> str | None:
    """The aspect a name or synonym refers to ("sizing" → "fit"), or None if unknown."""
    key = " ".join(name.lower().replace("_", " ").split())
    return _ALIASES.get(key) or _ASPECT_OF.get(key)


def find_aspects(text: str) -> list[str]:
    """The aspects a text names, in order of first mention."""
    return list(dict.fromkeys(_ASPECT_OF[m.group(1).lower()] for m in _MENTION.finditer(text)))


def synonyms(name: str) -> tuple[str, ...]:
    """The words people use for an aspect named in a question (its own name if unknown)."""
    known = resolve_aspect(name)
    return (known, *ASPECTS[known]) if known else (" ".join(name.lower().split()),)
