"""Money read in the shop's currency and locale, and written in each price's own currency."""

from __future__ import annotations

import pytest

from retrieval.money import ShopMoney, format_money, parse_number


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("under $40", 40.0, "USD"),
        ("under €40", 40.0, "EUR"),
        ("under 40 €", 40.0, "EUR"),
        ("£25.50 max", 25.5, "GBP"),
        ("₹1,299", 1299.0, "INR"),
        ("Rs. 500 or less", 500.0, "INR"),
        ("R$ 39,90", 39.9, "BRL"),
        ("¥1200", 1200.0, "JPY"),
        ("USD 25", 25.0, "USD"),
        ("1500 INR", 1500.0, "INR"),
        ("20 BRL", 20.0, "BRL"),
        ("800 rupees", 800.0, "INR"),
        ("40 bucks", 40.0, "USD"),
        ("30 euros", 30.0, "EUR"),
        ("$1.5k", 1500.0, "USD"),
    ],
)
def test_amounts_with_symbols_codes_and_words(text: str, value: float, currency: str) -> None:
    [amount] = ShopMoney.for_shop("USD").amounts(text)
    assert (amount.value, amount.currency) == (value, currency)


def test_numbers_without_money_are_not_amounts() -> None:
    assert ShopMoney().amounts("a tent for 6 people, 12 inches, 44 dBA") == []


def test_a_shared_mark_is_the_shops_own_currency() -> None:
    assert ShopMoney.for_shop("CAD").amounts("under $50")[0].currency == "CAD"
    assert ShopMoney.for_shop("USD").amounts("under $50")[0].currency == "USD"
    assert ShopMoney.for_shop("PKR").amounts("Rs. 900")[0].currency == "PKR"


def test_decimal_comma_where_the_locale_uses_it() -> None:
    euro = ShopMoney.for_shop("EUR")  # de-DE unless the shop configures another locale
    assert (euro.decimal, euro.number("1.299"), euro.number("39,90")) == (",", 1299.0, 39.9)
    assert euro.amounts("unter 1.299,00 €")[0].value == 1299.0
    assert ShopMoney.for_shop("USD").number("1,299") == 1299.0
    assert ShopMoney.for_shop("EUR", "en-IE").number("1.299") == 1.299
    assert parse_number("4,5") == 4.5


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        (549, "USD", "$549.00"),
        (39, "EUR", "€39.00"),
        (1299, "INR", "₹1,299.00"),
        (49.9, "BRL", "R$49.90"),
        (1200, "JPY", "¥1,200"),
        (30, "CHF", "CHF 30.00"),
        (5, "XYZ", "XYZ 5.00"),
    ],
)
def test_prices_are_written_in_their_own_currency(value, currency, text) -> None:
    assert format_money(value, currency) == text


def test_an_unreadable_amount_says_so() -> None:
    assert format_money(None, "USD") == "price unavailable"
