"""Kinds of actions the dialogue rules tell apart (which change state, which supersede...).

Pure sets of Rasa action names, no I/O; read by :mod:`bot.chat.dialogue`.
"""

from __future__ import annotations

from bot.domain.models import OfferKind

STATE_CHANGING = frozenset(
    {
        "action_add_item",
        "action_remove_item",
        "action_change_quantity",
        "action_swap_item",
        "action_accept_offer",
        "action_decline_offer",
        "action_remove_too_expensive",
        "action_cancel_subscription",
        "action_confirm_cancel",
        "action_pause_subscription",
        "action_choose_option",
        "action_undo",
    }
)
"""Actions that change a cart or subscription: they run only on a confident intent.

(``action_change_plan`` is not listed: it always asks first, with the price difference.)"""

SUPERSEDING = frozenset(
    {
        "action_add_item",
        "action_remove_item",
        "action_change_quantity",
        "action_swap_item",
        "action_checkout",
        "action_suggest_addon",
        "action_suggest_upgrade",
        "action_choose_option",
        "action_link_account",
    }
)
"""Actions for a clearly different request: an open offer is closed as superseded."""

SCALING = frozenset(
    {
        "action_add_item",
        "action_remove_item",
        "action_change_quantity",
        "action_swap_item",
        "action_choose_option",
        "action_handle_complaint",
        "action_unsupported_request",
    }
)
"""Actions a multiplier ("double the mugs", "twice as many") may come as: read as one first."""

ANSWERS = frozenset({"action_accept_offer", "action_decline_offer", "action_choose_option"})
"""Yes/no actions: with no offer open they change nothing, so they need no confirmation."""

SELLING = frozenset({"action_suggest_addon", "action_suggest_upgrade"})
"""Requests for a suggestion: never answered with a pitch while a cancellation is open."""

CANCELLING = frozenset({"action_cancel_subscription", "action_confirm_cancel"})
"""A "Cancel anyway" button acts whenever it is pressed: a cancellation is never blocked."""

EXIT_KINDS = frozenset(k for k in OfferKind if k is OfferKind.DOWNSELL or k.is_retention)
