"""The committed product training data is what the generator makes from the catalog."""

from __future__ import annotations

from bot.cli import PRODUCTS_NLU, render_nlu_from_store
from bot.services.shop import Shop


def test_products_nlu_matches_the_seeded_catalog(shop: Shop) -> None:
    generated = render_nlu_from_store(shop)
    assert PRODUCTS_NLU.read_text() == generated, "run `python -m bot gen-nlu` and commit"
    assert "- aria phone 256 gb" in generated  # catalog names reach the lookup table
