"""Escaping user- and catalog-supplied text for each channel's renderer."""

from __future__ import annotations

import pytest

from bot.chat.markup import escape_for, escape_markdown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("click](javascript:alert(1)", "click\\]\\(javascript:alert\\(1\\)"),
        ("![x](http://e/p.png)", "\\!\\[x\\]\\(http://e/p.png\\)"),
        ("<img src=x onerror=y>", "\\<img src=x onerror=y\\>"),
        ("`code` and \\", "\\`code\\` and \\\\"),
        ("Aria Phone 256 GB: $18.00 - 2 × case", "Aria Phone 256 GB: $18.00 - 2 × case"),
    ],
)
def test_markdown_escaping(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_each_channel_gets_its_own_escaping() -> None:
    attack = "<https://evil.example|click> [x](y)"
    assert escape_for("socketio", attack) == escape_markdown(attack)
    assert escape_for("rest", attack) == escape_markdown(attack)
    assert escape_for(None, attack) == escape_markdown(attack)
    assert escape_for("slack", attack) == "&lt;https://evil.example|click&gt; [x](y)"
    for plain in ("telegram", "facebook", "twilio"):
        assert escape_for(plain, attack) == attack
    assert escape_for("rest", 3) == 3
