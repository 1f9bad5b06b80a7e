"""Webhook deliveries seen before: a platform's retry or repeat is processed once."""

from __future__ import annotations

from bot.services.shop import Shop
from bot.store.repositories import CartRepository


def first_delivery(shop: Shop, channel: str, delivery_id: str) -> bool:
    """Record a platform delivery id; ``False`` when it was processed already.

    The id lives in the shop store (the idempotency-key table), so every Rasa replica
    agrees on it.

    Args:
        shop: The shop.
        channel: The channel name (``"slack"``), which scopes the id.
        delivery_id: The platform's id of the delivery (Slack's ``event_id``).
    """
    with shop.session_factory.begin() as session:
        return CartRepository(session).claim_key(f"delivery:{channel}:{delivery_id[:150]}")
