"""Reply objects the chat flows return, and the presenters that fill response templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bot.domain.experiments import phrase_reason
from bot.domain.models import Plan, Product, Suggestion
from bot.domain.offer_buttons import OFFER_ENTITY
from bot.money import format_money
from bot.services.cart import CartView


@dataclass(frozen=True)
class ChatContext:
    """Who is talking and what they hold.

    Attributes:
        conversation_id: Rasa's sender id.
        token: A shop token that grants this turn's cart (chat flows check it).
        grant: The conversation-bound grant the web channel put in the message's metadata
            (see ``bot.services.chat_sessions``); the action server turns it into ``token``.
        upset: Whether the shopper complained in this conversation.
        message_key: A unique id of the user message, for idempotent cart changes.
        channel: The Rasa input channel of the latest message (``"telegram"``, ``"rest"``...).
    """

    conversation_id: str
    token: str | None
    upset: bool = False
    message_key: str | None = None
    channel: str | None = None
    grant: str | None = None


@dataclass(frozen=True)
class Reply:
    """One bot message: a ``utter_*`` response name, its template values and buttons.

    ``buttons`` are ``(title, payload)`` pairs added to the response's own (if any).
    """

    response: str
    params: dict[str, str] = field(default_factory=dict)
    buttons: tuple[tuple[str, str], ...] = ()


ECHO_LIMIT = 60
"""The most characters of the shopper's own words a reply repeats ("I couldn't find …")."""


def echoed(text: str, limit: int = ECHO_LIMIT) -> str:
    """The shopper's words as a reply repeats them: spaces collapsed, at most ``limit`` long.

    Longer text is cut at a word boundary (mid-word only when one word is that long) and
    ends with "…", which counts toward the limit: a pasted paragraph is never echoed whole.
    """
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut and words[limit - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:!?-") + "…"


def cart_params(view: CartView) -> dict[str, str]:
    """Template values describing a cart's totals."""
    cur = view.currency
    return {
        "subtotal": format_money(view.totals.subtotal, cur),
        "shipping": format_money(view.totals.shipping, cur),
        "total": format_money(view.totals.total, cur),
        "threshold": format_money(view.totals.free_shipping_threshold, cur),
        "remaining": format_money(view.totals.remaining_for_free_shipping, cur),
    }


def cart_summary(view: CartView) -> Reply:
    """The cart's lines and totals, or the empty-cart reply."""
    if not view.lines:
        return Reply("utter_cart_empty")
    lines = "\n".join(
        f"- {line.quantity} × {line.product.name}: {format_money(line.line_total, view.currency)}"
        for line in view.lines
    )
    return Reply("utter_cart_summary", {"lines": lines, **cart_params(view)})


def offer_reply(suggestion: Suggestion, offer_id: int, reason_style: str = "data") -> Reply:
    """The offer message for an add-on, gap closer, upgrade or downsell.

    ``offer_id`` (the offer's ``shown`` event) goes into its buttons' payloads
    (``/affirm{"offer_id":"17"}``, see :mod:`bot.domain.offer_buttons`): an old card's
    button then answers its own offer, never a newer one. ``reason_style`` is an experiment
    variant's wording (:func:`phrase_reason`).
    """
    product = suggestion.product
    params = {
        "name": product.name,
        "price": format_money(product.price, product.currency),
        "reason": phrase_reason(suggestion.reason, reason_style),
        OFFER_ENTITY: str(offer_id),
    }
    if suggestion.replaces is None:
        return Reply("utter_offer_addon", params)
    old = suggestion.replaces
    params |= swap_params(product, product.price, old, suggestion.quantity)
    name = "utter_offer_upgrade" if suggestion.product.price > old.price else "utter_offer_downsell"
    return Reply(name, params)


def line_name(name: str, quantity: int) -> str:
    """A product name with its count when a line holds more than one ("3 × Pulse Studio")."""
    return f"{quantity} × {name}" if quantity > 1 else name


def swap_params(new: Product, unit_price: Decimal, old: Product, quantity: int) -> dict[str, str]:
    """Template values of an upgrade or downsell for a line of ``quantity`` units.

    A swap changes every unit of the line, so names carry the count and the prices and the
    difference are the line's (quantity × unit), never a unit price read as the whole change.
    """
    return {
        "name": line_name(new.name, quantity),
        "price": format_money(unit_price * quantity, new.currency),
        "current": line_name(old.name, quantity),
        "current_price": format_money(old.price * quantity, old.currency),
        "difference": format_money(abs(old.price - unit_price) * quantity, new.currency),
    }


def plan_params(plan: Plan, prefix: str = "") -> dict[str, str]:
    """Template values for a plan (``plan``, ``price``, ``interval`` with an optional prefix)."""
    return {
        f"{prefix}plan": plan.name,
        f"{prefix}price": format_money(plan.price),
        "interval": plan.interval,
    }
