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
from bot.domain.errors import InvalidLinkCode, InvalidToken, LinkLocked, SessionConflict
from bot.domain.linking import LINKABLE_CHANNELS, code_in_text
from bot.services.chat_sessions import (
    bind_conversation,
    linked_to_messaging,
    turn_token,
    web_turn_refusal,
)
from bot.services.linking import redeem_link_code, resolve_link
from bot.services.shop import Shop

Flow = Callable[[Shop, ChatContext], list[Reply]]


def is_messaging(ctx: ChatContext) -> bool:
    """Whether the conversation is in a messaging app (where users link with a code)."""
    return ctx.channel in LINKABLE_CHANNELS


def with_access(shop: Shop, ctx: ChatContext) -> ChatContext:
    """The context with a token for this turn's cart, from the grant, the session or a link.

    * a grant on the message: re-checked and bound to the conversation (first one wins);
    * none, in a messaging app: the linked cart, if the user linked one (the platform's
      signed webhook vouches for the sender id);
    * none, on REST or socket.io: no access. Their sender and session ids are picked by
      the client and can be guessed or replayed, so every web message that needs the cart
      carries the token (the widget sends its ``customData`` with every message).

    Raises:
        SessionConflict: The grant is for another cart than the conversation's.
    """
    if ctx.token:
        return ctx
    if ctx.grant:
        try:
            claims = bind_conversation(shop, ctx.conversation_id, ctx.grant)
        except InvalidToken:
            return ctx
        return replace(ctx, token=turn_token(shop, claims))
    if is_messaging(ctx):
        return replace(ctx, token=resolve_link(shop, ctx.channel, ctx.conversation_id))
    return ctx


def run_linked(shop: Shop, ctx: ChatContext, flow: Flow) -> list[Reply]:
    """Run a chat flow for a web or a messaging user.

    A linked messaging user is served as if their chat carried the cart token; an
    unlinked one gets the "link your cart first" reply wherever a web user without a
    token would get "no access" (and, like them, no cart data). A token for another cart
    than the conversation's gets the "start a new chat" reply and nothing else. A web turn
    without a grant in a conversation bound to a cart gets "no access" and nothing else:
    the flow never runs, so it cannot answer the shopper's pending question, close their
    offer or move their focus (G14; the web channels already stop such a message before
    Rasa, :mod:`bot.channels.guard`). A web turn in a conversation a messaging user has
    linked gets "no access" whatever grant it carries, before anything is bound (S20).
    """
    if not is_messaging(ctx) and linked_to_messaging(shop, ctx.conversation_id):
        return [Reply("utter_no_access")]  # no web grant speaks for a linked user (S20)
    try:
        linked = with_access(shop, ctx)
    except SessionConflict:
        return [Reply("utter_session_conflict")]
    web_without_grant = not linked.token and not is_messaging(linked)
    if web_without_grant and web_turn_refusal(shop, ctx.conversation_id, None) is not None:
        return [Reply("utter_no_access")]
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
    except LinkLocked:
        return [Reply("utter_link_locked")]
    except InvalidLinkCode:
        return [Reply("utter_link_invalid")]
    return [Reply("utter_link_done", cart_params(linked.cart))]
