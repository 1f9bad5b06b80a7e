"""One answer per message id: a repeated delivery of a message replays its first answer.

Clients and messaging platforms retry a message whose answer they did not get (a timeout,
a dropped connection, Twilio/Slack/Telegram redelivering a webhook). Every state change a
chat message makes (a removal, a quantity, a swap, an accepted offer, undo, a cancel, a
pause, a plan change, a retention answer...) must therefore happen at most once per
message id. This module is the one place that guarantees it: the action server runs every
turn through :func:`once_per_message` (``actions.common.FlowAction.run``), which keeps the
turn's replies under the message id and, for a second delivery of that id, sends them again
without running any flow. A retry is never "asking again" (a second "cancel" after a
retention offer cancels; the retry of the first one does not).

The record lives in the shop store's ``idempotency_keys`` table (key ``turn:<hash>`` of the
conversation, channel and message id, the hash of what the message asked, and the replies as JSON),
so every action-server replica sees it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from bot.chat.replies import ChatContext, Reply
from bot.services.shop import Shop
from bot.store.repositories import CartRepository

REPLAYED = 200
"""``status`` of a turn record (the column is shared with the shop API's stored answers)."""


@dataclass(frozen=True)
class Delivery:
    """One delivery of a user message to an action.

    Attributes:
        request: What the message asked (its text, or the button payload): a second
            delivery asking something else under the same id is no retry.
        turn: How many user messages the conversation held at this delivery (a retry is
            a later user message, so it tells a retry from another action of the same turn).
        first: Whether this is the first of this server's actions run for the message.
    """

    request: str
    turn: int
    first: bool


def turn_key(ctx: ChatContext) -> str | None:
    """The store key of a conversation's message id, or ``None`` when it has none."""
    if not ctx.message_key:
        return None
    raw = f"{ctx.conversation_id}\0{ctx.channel or ''}\0{ctx.message_key}".encode()
    return "turn:" + hashlib.sha256(raw).hexdigest()


def _hash(request: str) -> str:
    return hashlib.sha256(request.encode()).hexdigest()


def _dump(turn: int, replies: list[Reply]) -> str:
    encoded = [
        {"response": r.response, "params": r.params, "buttons": [list(b) for b in r.buttons]}
        for r in replies
    ]
    return json.dumps({"turn": turn, "replies": encoded})


def _load(text: str | None) -> tuple[int | None, list[Reply]]:
    record = json.loads(text or "{}")
    replies = [
        Reply(
            item["response"],
            dict(item.get("params") or {}),
            tuple((str(t), str(p)) for t, p in item.get("buttons") or []),
        )
        for item in record.get("replies") or []
    ]
    return record.get("turn"), replies


def once_per_message(
    shop: Shop, ctx: ChatContext, delivery: Delivery, run: Callable[[], list[Reply]]
) -> list[Reply]:
    """Run a turn once per message id; a repeated delivery gets the first answer again.

    * no message id: the turn runs (nothing to key it by);
    * a new id: the turn runs and its replies are kept under the id;
    * the same id again, asking the same: the kept replies, nothing runs (the actions after
      the first of that repeated turn send nothing: the first replayed the whole turn);
    * the same id asking something else: "that id was used already", nothing runs;
    * another action of the same delivery (Rasa ran two of ours for one message): it runs
      and its replies are added to the record.
    """
    key = turn_key(ctx)
    if key is None:
        return run()
    with shop.session_factory.begin() as session:
        stored = CartRepository(session).stored_key(key)
        kept = None if stored is None else (stored.request_hash, *_load(stored.response))
    if kept is not None:
        request_hash, turn, replies = kept
        if turn == delivery.turn and not delivery.first:
            return _append(shop, key, delivery.turn, replies, run())
        if not delivery.first:
            return []
        if request_hash != _hash(delivery.request):
            return [Reply("utter_message_id_reused")]
        return replies
    replies = run()
    with shop.session_factory.begin() as session:
        CartRepository(session).store_key(
            key, _hash(delivery.request), REPLAYED, _dump(delivery.turn, replies)
        )
    return replies


def _append(shop: Shop, key: str, turn: int, kept: list[Reply], new: list[Reply]) -> list[Reply]:
    """Add a later action's replies to its turn's record; return them."""
    with shop.session_factory.begin() as session:
        row = CartRepository(session).stored_key(key)
        if row is not None:
            row.response = _dump(turn, kept + new)
    return new
