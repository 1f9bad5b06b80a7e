"""The s25 cart findings' harness: each message run as the action server runs it.

Words read first (``run_turn``), then the pending question and the predicted action's flow
(:func:`bot.chat.dialogue.handle`); a confirmed request is re-run confirmed. A button
payload reaches the flows as the actions pass it (no message text, its entities only).
"""

from __future__ import annotations

from bot.chat import cart, selling, undo
from bot.chat.by_text import run_turn
from bot.chat.cart_views import show_cart
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from bot.chat.unsupported import unsupported_request


def _text(turn: Turn) -> str | None:
    return None if turn.text.startswith("/") else turn.text or None


FLOWS = {
    "add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), _text(t)
    ),
    "remove_item": lambda shop, ctx, t: cart.remove_item(
        shop, ctx, t.entities.get("product"), _text(t), quantity_text=t.entities.get("quantity")
    ),
    "change_quantity": lambda shop, ctx, t: cart.change_quantity(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), _text(t)
    ),
    "swap_item": lambda shop, ctx, t: cart.swap_item(shop, ctx, _text(t)),
    "choose_option": lambda shop, ctx, t: cart.choose_option(
        shop, ctx, t.entities.get("product"), _text(t)
    ),
    "affirm": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "deny": lambda shop, ctx, t: selling.decline_offer(shop, ctx),
    "ask_suggestion": lambda shop, ctx, t: selling.suggest_addon(shop, ctx),
    "ask_offer_detail": lambda shop, ctx, t: selling.offer_detail(shop, ctx),
    "undo_change": lambda shop, ctx, t: undo.undo_last(shop, ctx),
    "show_cart": lambda shop, ctx, t: show_cart(shop, ctx),
    "ask_free_shipping": lambda shop, ctx, t: cart.free_shipping(shop, ctx),
    "ask_order_status": lambda shop, ctx, t: unsupported_request(t.intent),
    "out_of_scope": lambda shop, ctx, t: unsupported_request(t.intent),
    "nlu_fallback": lambda shop, ctx, t: unsupported_request(t.intent),
}
ACTIONS = {
    "add_item": "action_add_item",
    "remove_item": "action_remove_item",
    "change_quantity": "action_change_quantity",
    "swap_item": "action_swap_item",
    "choose_option": "action_choose_option",
    "affirm": "action_accept_offer",
    "deny": "action_decline_offer",
    "ask_suggestion": "action_suggest_addon",
    "ask_offer_detail": "action_offer_detail",
    "undo_change": "action_undo",
    "show_cart": "action_show_cart",
    "ask_free_shipping": "action_free_shipping_gap",
    "ask_order_status": "action_unsupported_request",
    "out_of_scope": "action_unsupported_request",
    "nlu_fallback": "action_unsupported_request",
}


def say(shop, ctx: ChatContext, intent: str, text: str, confidence: float = 0.95, **entities):
    """One message as the model read it (intent, confidence, entities)."""
    return run(shop, ctx, Turn(ACTIONS[intent], intent, confidence, text, entities))


def run(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """Run ``turn`` as the action server does."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return run(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    def flow(context: ChatContext) -> list[Reply]:
        return FLOWS[turn.intent or ""](shop, context, turn)

    return run_turn(shop, ctx, turn, lambda: handle(shop, ctx, turn, flow, rerun))


def responses(replies: list[Reply]) -> list[str]:
    """The response names of ``replies``."""
    return [reply.response for reply in replies]
