"""Helpers every chat flow shares: access, product lookup, offer records, error replies."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from sqlalchemy.orm import Session

from bot.chat.confirm import intent_payload
from bot.chat.products import MissingProduct
from bot.chat.replies import ChatContext, Reply, echoed, offer_reply
from bot.domain.errors import (
    AmbiguousProduct,
    CartFull,
    DomainError,
    Forbidden,
    InvalidQuantity,
    InvalidToken,
    LineLimitExceeded,
    NoActiveSubscription,
    NotEnoughInCart,
    NotFound,
    NothingToSwap,
    NotInCart,
    OtherCurrency,
    OutOfStock,
    PlanNotHeld,
    RefusedQuantity,
    UnknownProduct,
)
from bot.domain.models import Suggestion
from bot.domain.offers import ConversationState
from bot.money import to_minor
from bot.services import experiments
from bot.store.offers import OfferRepository
from bot.store.tables import OfferEventRow

P = ParamSpec("P")


def _join(options: tuple[str, ...]) -> str:
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


def _choice_buttons(
    options: tuple[str, ...], sold_out: frozenset[str] = frozenset()
) -> tuple[tuple[str, str], ...]:
    """One button per option; for a single option ("Did you mean X?") Yes / No.

    Every option button sends ``/choose_option{"product": name}``: Yes is X's button;
    No sends ``/deny``, which drops the question. An option ``sold_out`` (an add's) has no
    button: it can't be added (issue 12, s25).
    """
    payloads = tuple(intent_payload("choose_option", {"product": name}) for name in options)
    if len(options) == 1:
        return () if options[0] in sold_out else (("Yes", payloads[0]), ("No", "/deny"))
    return tuple(
        (name, payload)
        for name, payload in zip(options, payloads, strict=True)
        if name not in sold_out
    )


def _shown(options: tuple[str, ...], sold_out: frozenset[str]) -> tuple[str, ...]:
    """The options as a did-you-mean names them: "Wireless Charging Pad (out of stock)"."""
    return tuple(f"{name} (out of stock)" if name in sold_out else name for name in options)


_OPERATIONS = {
    "add_item": "add",
    "remove_item": "remove",
    "change_quantity": "change",
    "scale_line": "change",
}
"""The verb a did-you-mean names for the flow its answer completes (review s21, S1)."""


def _options(error: AmbiguousProduct | UnknownProduct, options: tuple[str, ...]) -> str:
    """The options of a waiting did-you-mean with what the pick does: "to remove A or B"."""
    verb = _OPERATIONS.get(error.operation or "") if error.asked else None
    return f"to {verb} {_join(options)}" if verb else _join(options)


def choice_buttons(options: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The buttons of a did-you-mean asked again (:func:`_choice_buttons`)."""
    return _choice_buttons(options)


def options_text(operation: str, options: tuple[str, ...]) -> str:
    """The options of a did-you-mean asked again for ``operation``: "to add A or B"."""
    verb = _OPERATIONS.get(operation)
    return f"to {verb} {_join(options)}" if verb else _join(options)


def _did_you_mean(error: AmbiguousProduct) -> Reply:
    """The "Did you mean A or B?" reply; with buttons once the question waits for an answer."""
    buttons = _choice_buttons(error.options, error.sold_out) if error.asked else ()
    shown = _shown(error.options, error.sold_out)
    return Reply("utter_did_you_mean", {"options": _options(error, shown)}, buttons)


def reply_for_error(error: DomainError) -> Reply:
    """Turn an expected domain error into a helpful reply."""
    if isinstance(error, (InvalidToken, Forbidden)):
        return Reply("utter_no_access")
    if isinstance(error, AmbiguousProduct):
        return _did_you_mean(error)
    if isinstance(error, UnknownProduct):
        if error.suggestions:
            shown = _shown(error.suggestions, error.sold_out)
            params = {"product": echoed(error.query), "options": _options(error, shown)}
            buttons = _choice_buttons(error.suggestions, error.sold_out) if error.asked else ()
            return Reply("utter_unknown_product_suggest", params, buttons)
        return Reply("utter_unknown_product", {"product": echoed(error.query)})
    if isinstance(error, MissingProduct):
        return Reply("utter_ask_product")
    if isinstance(error, NotInCart):
        return Reply("utter_not_in_cart", {"name": echoed(error.name)})
    if isinstance(error, OtherCurrency):  # before OutOfStock, its base: the true reason
        params = {"name": error.name, "currency": error.currency}
        return Reply("utter_other_currency", {**params, "cart_currency": error.cart_currency})
    if isinstance(error, OutOfStock):
        if error.available <= 0:
            return Reply("utter_out_of_stock", {"name": error.name})
        return Reply("utter_not_enough_stock", {"name": error.name, "stock": str(error.available)})
    if isinstance(error, RefusedQuantity):
        params = {"said": error.said, "max_quantity": str(error.max_quantity)}
        return Reply("utter_quantity_refused", params)
    if isinstance(error, NotEnoughInCart):
        params = {"name": error.name, "quantity": str(error.have), "asked": str(error.asked)}
        return Reply("utter_remove_too_many", params)
    if isinstance(error, NothingToSwap):
        if error.options:
            buttons = _choice_buttons(error.options) if error.asked else ()
            params = {"name": echoed(error.name), "options": _join(error.options)}
            return Reply("utter_swap_which_line", params, buttons)
        return Reply("utter_swap_nothing_to_replace", {"name": echoed(error.name)})
    if isinstance(error, LineLimitExceeded):
        params = {"name": error.name, "quantity": str(error.have), "room": str(error.room)}
        return Reply("utter_line_limit", {**params, "max_quantity": str(error.max_quantity)})
    if isinstance(error, InvalidQuantity):
        return Reply("utter_invalid_quantity", {"max_quantity": str(error.max_quantity)})
    if isinstance(error, CartFull):
        return Reply("utter_cart_full", {"max_lines": str(error.max_lines)})
    if isinstance(error, NoActiveSubscription):
        return Reply("utter_no_subscription")
    if isinstance(error, PlanNotHeld):
        held = " and ".join(error.held)  # "Care Plus ($9.99/month) and Care Premium (…)"
        return Reply("utter_plan_not_held", {"plan": error.plan, "held": held})
    if isinstance(error, NotFound):
        return Reply("utter_no_access")
    return Reply("utter_default")


def replies_for_errors(errors: list[Exception]) -> list[Reply]:
    """The reply to each expected error (anything else is raised again)."""
    replies = []
    for error in errors:
        if not isinstance(error, DomainError):
            raise error
        replies.append(reply_for_error(error))
    return replies


def replies_on_error(flow: Callable[P, list[Reply]]) -> Callable[P, list[Reply]]:
    """Run a flow; an expected error rolls its transaction back and becomes a reply."""

    @wraps(flow)
    def run(*args: P.args, **kwargs: P.kwargs) -> list[Reply]:
        try:
            return flow(*args, **kwargs)
        except DomainError as error:
            return [reply_for_error(error)]

    return run


def conversation_state(session: Session, ctx: ChatContext) -> ConversationState:
    """Offers shown and declined so far in the conversation, and the shopper's mood."""
    offers = OfferRepository(session)
    return ConversationState(
        unsolicited_shown=offers.unsolicited_count(ctx.conversation_id),
        declined_skus=offers.declined_skus(ctx.conversation_id),
        upset=ctx.upset,
    )


def record_offer(
    session: Session,
    ctx: ChatContext,
    suggestion: Suggestion,
    solicited: bool,
    cart_id: int | None = None,
    subscription_id: int | None = None,
) -> OfferEventRow:
    """Record that an offer was shown in this conversation."""
    replaces = suggestion.replaces.sku if suggestion.replaces else None
    arm = experiments.arm_for(session, ctx.conversation_id, cart_id, subscription_id)
    return OfferRepository(session).record_shown(
        conversation_id=ctx.conversation_id,
        kind=suggestion.kind.value,
        sku=suggestion.product.sku,
        price_minor=to_minor(suggestion.product.price),
        solicited=solicited,
        replaces_sku=replaces,
        cart_id=cart_id,
        subscription_id=subscription_id,
        reason=suggestion.reason[:300],
        **arm.stamp(),
    )


def offer_shown(
    session: Session,
    ctx: ChatContext,
    suggestion: Suggestion,
    solicited: bool,
    cart_id: int | None = None,
) -> Reply:
    """Record an offer the shopper asked for (or is shown) and word it as the unit's arm says.

    Every offer path uses this, so an experiment's ``reason_style`` applies to asked-for
    suggestions, gap closers and upgrades alike (unsolicited offers check their arm first).
    """
    row = record_offer(session, ctx, suggestion, solicited, cart_id=cart_id)
    arm = experiments.arm_for(session, ctx.conversation_id, cart_id)
    return offer_reply(suggestion, row.id, arm.settings.reason_style)
