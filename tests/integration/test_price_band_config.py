"""A configured price band reaches the chat's ranking (``configured_shop``)."""

from dataclasses import replace
from decimal import Decimal

from bot.config import Settings
from bot.services.shop import configured_shop


def test_the_configured_band_is_the_shops_ranking_band(shop) -> None:
    settings = replace(
        Settings.from_env(), price_band=(Decimal("0.10"), Decimal("0.25")), experiments_path=None
    )

    configured = configured_shop(settings, str(shop.engine.url))

    try:
        assert configured.rules.min_price_ratio == Decimal("0.10")
        assert configured.rules.max_price_ratio == Decimal("0.25")
        off = configured_shop(replace(settings, price_band=(None, None)), str(shop.engine.url))
        assert (off.rules.min_price_ratio, off.rules.max_price_ratio) == (None, None)
        off.engine.dispose()
    finally:
        configured.engine.dispose()
