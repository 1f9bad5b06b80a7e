"""A count and a product with no verb, of a line in the cart: add more, or set? (s27).

"2 mugs" with a mug already in the cart may mean two more or two in all, so it is asked
(s27, F16): "Just to be sure: do you want me to add 2 more × Ceramic Mug (3 in all), or
make it 2 in all?" with the buttons "Add 2 more", "Make it 2" and "No". The question is
the conversation's pending confirmation; its answer may be pressed or typed (F41): "yes",
"add them", "add 2 more" add; "make it 2", "set it to 2", "total 2", "just 2" set the
quantity; anything else changes nothing. A product not in the cart is an add, asked per
the usual rules. English cues: :mod:`bot.domain.language.en_add_or_set`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat.action_kinds import STATE_CHANGING
from bot.chat.cart_edits import open_cart
from bot.chat.confirm import CONFIRM, NO_PAYLOAD, intent_payload
from bot.chat.replies import ChatContext, Reply
from bot.domain.errors import DomainError
from bot.domain.language.en_add_or_set import Choice, read_answer, verbless_count
from bot.domain.language.en_sweeps import names_all
from bot.domain.models import CartLine
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion

if TYPE_CHECKING:
    from bot.chat.turns import Rerun, Turn

OR_SET = "or_set"
"""The option that marks a confirmation as this question; its value is the set payload."""
_ADD = ("action_add_item", "add_item")
_SET = ("action_change_quantity", "change_quantity")
AskTurn = Callable[["Turn", "str | None"], Reply]
"""Stores a turn as the pending confirmation and asks it (``pending_reads.confirm_turn``)."""
_COUNTED = frozenset({"action_add_item", "action_change_quantity"})


def is_add_or_set(question: PendingQuestion | None) -> bool:
    """Whether a pending confirmation is the add-more-or-set question."""
    return question is not None and any(key == OR_SET for key, _ in question.options)


def ask(shop: Shop, ctx: ChatContext, turn: Turn, confirm: AskTurn) -> list[Reply] | None:
    """Ask "add more, or make it N?" for a verbless count of a line in the cart; else None.

    A verbless count of a product not in the cart, read as a quantity change, is an add:
    asked back as one (``confirm``). Under an add it is left to the add's own rules.
    """
    if turn.confirmed or turn.action not in _COUNTED:
        return None
    said = verbless_count(turn.text)
    if said is None:
        return None
    count, words = said
    line = _line_named(shop, ctx, words)
    if line is None:
        if turn.action == "action_add_item":
            return None
        return [confirm(replace(turn, action=_ADD[0], intent=_ADD[1]), None)]
    return [_ask(shop, ctx, turn.text, line, count)]


def answer(
    shop: Shop, ctx: ChatContext, turn: Turn, question: PendingQuestion, rerun: Rerun
) -> list[Reply] | None:
    """Carry out the option the answer picks; nothing for any other answer.

    A button carries its own payload; a typed answer is read by
    :func:`~bot.domain.language.en_add_or_set.read_answer`. An answer that picks neither
    changes nothing: a cart change is declined, anything else (a question about the cart)
    is read as usual (``None``).
    """
    options = dict(question.options)
    name, asked = options.get("name", ""), options.get("count", "1")
    if turn.text.startswith("/"):
        picked = {question.options[0][1]: Choice.ADD, options[OR_SET]: Choice.SET}.get(turn.text)
        count = asked
    else:
        read = read_answer(turn.text)
        picked = read.choice if read is not None else None
        count = str(read.count) if read is not None and read.count is not None else asked
    if picked is Choice.ADD:
        return rerun(*_ADD, {"product": name, "quantity": count}, f"add {count} {name}")
    if picked is Choice.SET:
        return rerun(*_SET, {"product": name, "quantity": count}, f"make {name} {count}")
    if turn.intent == "deny" or turn.action in STATE_CHANGING or turn.text == NO_PAYLOAD:
        return [Reply("utter_confirm_declined")]
    return None


def _line_named(shop: Shop, ctx: ChatContext, words: str) -> CartLine | None:
    """The one cart line the words name, if exactly one does (no cart: None)."""
    try:
        with shop.session_factory.begin() as session:
            view = open_cart(session, shop, ctx)[1]
    except DomainError:
        return None
    lines = [line for line in view.lines if names_all(line.product.name, words)]
    return lines[0] if len(lines) == 1 else None


def _ask(shop: Shop, ctx: ChatContext, text: str, line: CartLine, count: int) -> Reply:
    """Store the question as the pending confirmation and ask it with its three buttons."""
    name = line.product.name
    entities = {"product": name[:80], "quantity": str(count)}
    add_payload = intent_payload(_ADD[1], entities)
    set_payload = intent_payload(_SET[1], entities)
    in_all = line.quantity + count
    kept = "keep it at" if count == line.quantity else "make it"
    summary = f"add {count} more × {name} ({in_all} in all), or {kept} {count} in all"
    options = (
        (_ADD[0], add_payload),
        ("text", text),
        ("summary", summary),
        (OR_SET, set_payload),
        ("name", name),
        ("count", str(count)),
    )
    with shop.session_factory.begin() as session:
        PendingChoiceRepository(session).ask(
            ctx.conversation_id, PendingQuestion(CONFIRM, options, _ADD[1])
        )
    set_title = f"Keep {count}" if count == line.quantity else f"Make it {count}"
    buttons = ((f"Add {count} more", add_payload), (set_title, set_payload), ("No", NO_PAYLOAD))
    return Reply("utter_confirm_action", {"action": summary}, buttons)
