"""Numbered choices for text-only channels: remember what was offered, read the answer back."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.choices import choice_number
from bot.services.shop import Shop
from bot.store.links import ChoiceRepository


def offer_choices(
    shop: Shop, channel: str, sender_id: str, choices: Sequence[tuple[str, str]]
) -> None:
    """Remember the ``(title, payload)`` choices just sent to a user, numbered from 1."""
    with shop.session_factory.begin() as session:
        ChoiceRepository(session).replace(channel, sender_id, choices)


def answer_choice(shop: Shop, channel: str, sender_id: str, text: str) -> str | None:
    """The payload a user's reply picks ("1", "#2"), if it picks one.

    The offered choices answer only the next message: whatever the user sends, they are
    forgotten, so a stray "1" later never triggers an old choice.
    """
    with shop.session_factory.begin() as session:
        choices = ChoiceRepository(session)
        number = choice_number(text)
        picked = choices.choice(channel, sender_id, number) if number is not None else None
        choices.clear(channel, sender_id)
        return picked.payload if picked is not None else None
