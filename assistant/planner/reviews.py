"""A review_summary result written out: sentiment split, the themes reviewers like and complain
about with their counts and shares (all taken from the tool result), quotes."""

from __future__ import annotations

from typing import Any

from assistant.planner import render
from assistant.planner.render import say


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _quote(value: Any) -> str | None:
    text = _dict(value).get("text")
    return render.clip(text) if isinstance(text, str) and text.strip() else None


def _items(value: Any) -> list[dict[str, Any]]:
    return [i for i in value or [] if isinstance(i, dict) and i.get("aspect")]


def _item(item: dict[str, Any]) -> str:
    """A theme with its honest counts, when the summary gives them; else its mentions."""
    mentions, whole = item.get("mentions"), item.get("of_reviews")
    if not mentions:
        return str(item["aspect"])
    if not whole:
        return say(
            "reviews.aspect_item",
            aspect=item["aspect"],
            mentions=render.counted(mentions, "mention"),
        )
    complaint = item.get("stance") == "complaint"
    return say(
        "reviews.theme_item",
        aspect=item["aspect"],
        mentions=mentions,
        reviews=render.counted(whole, "review"),
        percent=item.get("percent", 0),
        leaning=item.get("complaints" if complaint else "praise", 0),
        tone=say("reviews.tone_complaint" if complaint else "reviews.tone_praise"),
        rare=say("reviews.rare") if item.get("rare") else "",
    )


def _items_text(items: list[dict[str, Any]]) -> str:
    texts = [_item(i) for i in items]
    counted = any(i.get("of_reviews") for i in items)
    return "; ".join(texts) if counted else render.listing(texts)


def _split(summary: dict[str, Any]) -> str | None:
    sentiment = _dict(summary.get("sentiment"))
    positive, negative = sentiment.get("positive"), sentiment.get("negative")
    if positive is None or negative is None:
        return None
    return say(
        "reviews.split",
        reviews=render.counted(summary.get("count", 0), "review"),
        positive=positive,
        neutral=sentiment.get("neutral", 0),
        negative=negative,
    )


def _focus(focus: dict[str, Any], names: dict[str, Any]) -> list[str]:
    """What reviewers say about the one aspect asked for."""
    aspect = focus.get("aspect", "")
    if not focus.get("reviews"):
        return [say("reviews.none_aspect", aspect=aspect, **names)]
    praise, complaints = focus.get("praise", 0), focus.get("complaints", 0)
    reviews = render.counted(focus["reviews"], "review")
    if focus.get("of_reviews"):
        reviews = say(
            "reviews.share",
            mentions=focus["reviews"],
            reviews=render.counted(focus["of_reviews"], "review"),
            percent=focus.get("percent", 0),
        )
    if praise or complaints:
        line = say(
            "reviews.focus", aspect=aspect, reviews=reviews, praise=praise, complaints=complaints
        )
    else:
        line = say("reviews.focus_neutral", aspect=aspect, reviews=reviews)
    parts = [line]
    for key in ("praise_quote", "complaint_quote"):
        if quote := _quote(focus.get(key)):
            parts.append(say(f"reviews.{key}", quote=quote))
    return parts


def reviews_text(data: dict[str, Any], *, complaints: bool = False) -> str:
    """What reviewers say about one product, every figure taken from the summary."""
    summary = _dict(data.get("summary"))
    names = {"title": data.get("title", ""), "product_id": data.get("product_id", "")}
    if not summary.get("count"):
        return say("reviews.none", **names)
    focus = _dict(summary.get("focus"))
    aspect = say("reviews.aspect", aspect=focus["aspect"]) if focus.get("aspect") else ""
    parts = [say("reviews.header", aspect=aspect, **names)]
    if split := _split(summary):
        parts.append(split)
    if summary.get("average_rating") is not None:
        parts.append(say("reviews.average", average=render.number(summary["average_rating"])))
    if focus.get("aspect"):
        return " ".join(parts + _focus(focus, names))
    praised, criticised = _items(summary.get("praised")), _items(summary.get("criticised"))
    ordered = [("criticised", criticised), ("praised", praised)]
    for key, items in ordered if complaints else reversed(ordered):
        if items:
            parts.append(say(f"reviews.{key}", items=_items_text(items)))
        elif key == "criticised" and complaints:
            parts.append(say("reviews.complaints_none"))
    lead = (criticised if complaints else praised) or praised + criticised
    if lead and (quote := _quote(lead[0].get("quote"))):
        parts.append(say("reviews.quote", aspect=lead[0]["aspect"], quote=quote))
    if isinstance(summary.get("trend"), str) and summary["trend"].strip():
        parts.append(say("reviews.trend", trend=render.clip(summary["trend"], 160)))
    return " ".join(parts)
