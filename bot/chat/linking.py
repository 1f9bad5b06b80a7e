"""Chat access for messaging apps: link a chat user to a cart, and serve linked users.

Web chats carry the signed cart token in message metadata. Telegram, Slack, Messenger and
SMS/WhatsApp users carry nothing: they link once with a code from the cart page, and
every later message is served with a short-lived token for the linked cart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.chat.common import replies_on_error
from bot.chat.replies import ChatContext, Reply, cart_params
from bot.domain.errors import InvalidLinkCode
from bot.domain.linking import LINKABLE_CHANNELS, code_in_text
from bot.services.linking import redeem_link_code, resolve_link
from bot.services.shop import Shop

Flow = Callable[[Shop, ChatContext], list[Reply]]


def is_messaging(ctx: ChatContext) -> bool:
    """Whether the conversation is in a messaging app (where users link with a code)."""
    return ctx.channel in LINKABLE_CHANNELS


def with_link(shop: Shop, ctx: ChatContext) -> ChatContext:
    """The context with a token for the linked cart when a messaging user sent none."""
    if ctx.token or not is_messaging(ctx):
        return ctx
    return replace(ctx, token=resolve_link(shop, ctx.channel, ctx.conversation_id))


def run_linked(shop: Shop, ctx: ChatContext, flow: Flow) -> list[Reply]:
    """Run a chat flow for a web or a messaging user.

    A linked messaging user is served as if their chat carried the cart token; an
    unlinked one gets the "link your cart first" reply wherever a web user without a
    token would get "no access" (and, like them, no cart data).
    """
    linked = with_link(shop, ctx)
    replies = flow(shop, linked)
    if linked.token or not is_messaging(linked):
        return replies
    return [Reply("utter_link_needed") if r.response == "utter_no_access" else r for r in replies]


@replies_on_error
def link_account(
    shop: Shop, ctx: ChatContext, code_entity: str | None, text: str | None
) -> list[Reply]:
    """Redeem a link code typed in a messaging app; confirm with the cart's subtotal.

    Args:
        shop: The shop.
        ctx: The conversation (its channel and sender id are what gets linked).
        code_entity: The ``link_code`` entity NLU found, if any.
        text: The message text, searched for a code when NLU found none.
    """
    if not is_messaging(ctx):
        return [Reply("utter_link_not_here")]
    try:
        code = code_entity or code_in_text(text)
        linked = redeem_link_code(shop, ctx.channel, ctx.conversation_id, code)
    except InvalidLinkCode:
        return [Reply("utter_link_invalid")]
    return [Reply("utter_link_done", cart_params(linked.cart))]
