"""The committed product training data is what the seeded generator makes."""

from __future__ import annotations

from bot.cli import PRODUCTS_NLU, render_nlu


def test_products_nlu_is_the_generator_output() -> None:
    assert PRODUCTS_NLU.read_text() == render_nlu(), "run `python -m bot gen-nlu` and commit"
