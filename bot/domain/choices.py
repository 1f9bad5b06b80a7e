"""Numbered choices for channels without buttons (SMS, WhatsApp): rendering and reading back."""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_CHOICES = 9
_NUMBER = re.compile(r"^\s*#?\s*([1-9])\s*[.)]?\s*$")


def choice_number(text: str | None) -> int | None:
    """The choice a reply names ("1", " 2 ", "#3", "1."), or ``None`` for any other text."""
    match = _NUMBER.match(text or "")
    return int(match.group(1)) if match else None


def numbered_prompt(titles: Sequence[str]) -> str:
    """The lines listing numbered choices (``Reply with a number:`` then ``1. Yes, add it``...).

    Args:
        titles: Button titles, in order (at most :data:`MAX_CHOICES` are listed).
    """
    lines = [f"{n}. {title}" for n, title in enumerate(titles[:MAX_CHOICES], start=1)]
    return "\n".join(["Reply with a number:", *lines]) if lines else ""


def numbered_text(text: str, titles: Sequence[str]) -> str:
    """A message followed by its numbered choices on their own line."""
    prompt = numbered_prompt(titles)
    return f"{text}\n{prompt}" if prompt else text
