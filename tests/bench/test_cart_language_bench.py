"""The cart-language bench runs tiny and prints every flow with its ratio to the baseline."""

from __future__ import annotations

import re
import sys

import cart_language


def test_cart_language_bench_prints_every_flow(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["cart_language.py", "--rounds", "2"])

    cart_language.main()

    out = capsys.readouterr().out
    for name in cart_language.CASES:
        assert re.search(rf"\| {re.escape(name)} \| [0-9.]+ \| [0-9.]+ \| [0-9.]+x \|", out), name
    assert "| baseline: add (span + quantity) |" in out and "| 1.00x |" in out
    assert re.search(r"quantity grammar alone: p50 [0-9.]+ ms", out)
