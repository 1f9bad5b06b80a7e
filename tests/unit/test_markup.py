"""Escaping user- and catalog-supplied text for each channel's renderer."""

from __future__ import annotations

import pytest

from bot.chat.markup import escape_for, escape_markdown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("click](javascript:alert(1)", "click\\]\\(javascript:alert(1)"),
        ("![x](http://e/p.png)", "\\!\\[x\\]\\(http://e/p.png)"),
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


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("Mug *Pro*", "Mug \\*Pro\\*"),
        ("Snap_Cam 2_0", "Snap\\_Cam 2\\_0"),
        ("Cable [USB-C] `fast`", "Cable \\[USB-C\\] \\`fast\\`"),
        ("~~Deal~~ Lamp", "\\~\\~Deal\\~\\~ Lamp"),
    ],
)
def test_catalog_names_with_emphasis_characters_are_escaped(name: str, escaped: str) -> None:
    """A product name shows literally in the widget: no bold, italics, code or strike-through."""
    assert escape_for("socketio", name) == escaped
    assert escape_for("rest", name) == escaped
    assert escape_for("telegram", name) == name  # plain-text channels show it as it is


def test_unescaping_gives_the_name_back() -> None:
    """Each escape is a backslash before one character: removing them restores the name."""
    import re

    name = "A*b_c[d]`e`~f\\g"
    assert re.sub(r"\\(.)", r"\1", escape_markdown(name)) == name


@pytest.mark.parametrize(
    "text",
    [
        "Care Basic ($4.99/month)",
        "Care Premium ($14.99/month) or Care Plus ($9.99/month)",
        "add 3 × Travel Tripod ($177.00 in all)",
        "Done! (2 left)",
        "switch you from Care Plus at $9.99/month to Care Basic at $4.99/month",
    ],
)
def test_the_assistants_own_words_get_no_backslash(text: str) -> None:
    """A "(" or "!" starts no Markdown without its bracket: nothing to escape (review s23)."""
    for channel in ("rest", "socketio", None):
        assert escape_for(channel, text) == text


def test_a_link_or_image_still_cannot_form() -> None:
    """The bracket and the "](" / "![" pairs stay escaped: no link, no image."""
    for attack in ("[x](javascript:y)", "![x](http://e/p.png)", "click](javascript:alert(1)"):
        escaped = escape_markdown(attack)
        assert "](" not in escaped and "![" not in escaped
        assert "[" not in escaped.replace("\\[", "")
