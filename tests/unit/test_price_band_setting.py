"""``SHOP_ADDON_PRICE_BAND``: the unsolicited add-on's price band, configured (no I/O)."""

from decimal import Decimal

import pytest

from bot.config import DEFAULT_PRICE_BAND, Settings, parse_price_band


@pytest.mark.parametrize(
    ("raw", "band"),
    [
        ("5-40", (Decimal("0.05"), Decimal("0.40"))),
        (" 10% - 25% ", (Decimal("0.10"), Decimal("0.25"))),
        ("0-100", (Decimal(0), Decimal(1))),
        ("10-", (Decimal("0.10"), None)),
        ("-30", (None, Decimal("0.30"))),
        ("2.5-40", (Decimal("0.025"), Decimal("0.40"))),
        ("off", (None, None)),
        ("OFF", (None, None)),
        ("0", (None, None)),
    ],
)
def test_bands_in_percent_or_off(raw: str, band) -> None:
    assert parse_price_band(raw) == band


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("40", "LOW-HIGH"),
        ("five-forty", "LOW-HIGH"),
        ("40-5", "must not exceed"),
        ("5--40", "from 0 to 1000"),
        ("5-2000", "from 0 to 1000"),
        ("nan-40", "from 0 to 1000"),
        ("0.05-0.40", r"not shares \(0.05-0.40\)"),  # shares, not percent: no add-on left
        ("-0.5", "ceiling under 1%"),
    ],
)
def test_anything_else_is_refused_with_the_form(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_price_band(raw)


def test_settings_read_the_band_and_default_to_5_40(monkeypatch) -> None:
    monkeypatch.delenv("SHOP_ADDON_PRICE_BAND", raising=False)
    assert Settings.from_env().price_band == DEFAULT_PRICE_BAND == (Decimal("0.05"), Decimal("0.4"))

    monkeypatch.setenv("SHOP_ADDON_PRICE_BAND", "10-30")
    assert Settings.from_env().price_band == (Decimal("0.10"), Decimal("0.30"))

    monkeypatch.setenv("SHOP_ADDON_PRICE_BAND", "30-10")
    with pytest.raises(SystemExit, match="SHOP_ADDON_PRICE_BAND: the floor"):
        Settings.from_env()


def test_a_band_just_at_one_percent_is_still_a_band() -> None:
    assert parse_price_band("0.5-1") == (Decimal("0.005"), Decimal("0.01"))
    assert parse_price_band("0-") == (Decimal(0), None)
