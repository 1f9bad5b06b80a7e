"""The cart read clause by clause: what is kept never changes, what is refused is asked.

One reading for every cart reader (:mod:`bot.domain.language.en_clauses`), run from
:func:`bot.chat.dialogue.handle` before the cart's other guards (s27, F18 / F47):

* "keep the tripod pls", "the tripod stays": nothing changes; "Okay, Travel Tripod stays in
  your cart."
* "i'll keep the tripod, ditch the mugs", "remove the mug not the tripod": only the asking
  clause is carried out, per the usual confirmation rules, and never on a kept (or refused)
  line; "keep the tripod, lose the rest" removes every other line, asked first.
* "no mugs", "no more mugs", "i don't want the mugs" with mugs in the cart: a removal of that
  line, asked first ("remove the 2 × Ceramic Mug from your cart?"). With none in the cart
  the message is read as usual (nothing is ever added for it).
* "don't add a tripod": declined; "don't remove the tripod": kept.

A message whose kept or refused words name no cart line ("keep my subscription", "never
mind", "not that") is left to the other readers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat import cart
from bot.chat.action_kinds import EXIT_KINDS
from bot.chat.cart_answers import scale_line
from bot.chat.cart_edits import open_cart
from bot.chat.common import replies_on_error
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply, echoed
from bot.domain.dialogue import needs_confirmation
from bot.domain.errors import DomainError
from bot.domain.language import ENGLISH
from bot.domain.language.en_clauses import Stance, asked_text, clauses
from bot.domain.language.en_cues import says_add, says_remove, says_swap
from bot.domain.language.en_multipliers import multiplier
from bot.domain.language.en_sweeps import words_of
from bot.domain.models import CartLine, OfferKind
from bot.services.cart import CartView
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

Ask = Callable[["Turn", "str | None"], Reply]
"""Stores a turn as the pending confirmation and asks it (``pending_reads.confirm_turn``)."""

_NOT_THE_CART = re.compile(
    r"\b(?:subscriptions?|sub|plans?|membership|care|premium|basic|pause|paus\w+|"
    r"e-?mails?|newsletters?|texts?|order|orders)\b"
)
_REST = re.compile(
    r"\b(?:the\s+rest|everything(?:\s+else)?|all\s+else|all\s+the\s+others?|the\s+others?|"
    r"anything\s+else|all\s+of\s+it|(?:my|the)\s+cart)\b|\ball$"
)
_COUNT = re.compile(r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b")
"""A refused count is a correction ("make it 3, no 2 mugs"), not a refused line."""
_ADD_VERB = re.compile(r"^(?:to\s+)?(?:add|put|buy|get|order|include|grab|throw)\b")
"""A refused add ("don't add a tripod"): declined, whatever the cart holds."""
_ONLY_KEEP = re.compile(r"\b(?:only|just)\s+keep\b|\bkeep\s+(?:only|just)\b")
_EMPTY = re.compile(r"\b(?:empty|clear|wipe)\b")
_VERBS = {
    "action_remove_item": "remove_item",
    "action_add_item": "add_item",
    "action_change_quantity": "change_quantity",
    "action_swap_item": "swap_item",
}
_READ = frozenset(_VERBS) | {
    "action_remove_too_expensive",
    "action_unsupported_request",
    "action_accept_offer",
    "action_decline_offer",
    "action_choose_option",
    "action_undo",
}


@replies_on_error
def read(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, ask: Ask
) -> list[Reply] | None:
    """The reply when the message keeps or refuses a cart line, else ``None``."""
    if turn.confirmed or turn.action not in _READ or not turn.text or turn.text.startswith("/"):
        return None
    parts = clauses(turn.text)
    held = [c for c in parts if c.stance is not Stance.ASK and c.text and not _COUNT.match(c.text)]
    lowered = turn.text.lower()
    if not held or _NOT_THE_CART.search(lowered) or _ONLY_KEEP.search(lowered):
        return None  # "only keep the tripod": the except-removal's own reading
    view = _view(shop, ctx)
    if view is None:
        return None
    kept = [c.text for c in held if c.stance is Stance.KEEP or says_remove(c.text)]
    refused = [c.text for c in held if c.stance is Stance.REFUSE and not says_remove(c.text)]
    declines = turn.action in _VERBS and refused and all(_ADD_VERB.match(r) for r in refused)
    if declines and not kept:
        return [Reply("utter_confirm_declined")]  # "don't add a tripod"
    protected = _named(view, kept + [r for r in refused if not _ADD_VERB.match(r)])
    asked = asked_text(turn.text)
    if not protected and kept and not _asks_anything(asked):
        return _kept_nothing_named(shop, ctx, turn, offer)
    if not protected:
        return _not_held(turn, refused, kept)
    if not _asks_anything(asked):
        said_keep = any(c.stance is Stance.KEEP for c in held)  # not "don't remove the mug"
        return _held_only(shop, ctx, turn, view, (kept, refused), offer, ask, said_keep)
    corrects = not any(c.stance is Stance.KEEP for c in held) and not says_remove(asked)
    return _asked_part(shop, ctx, turn, view, asked, protected, ask, corrects)


def _kept_nothing_named(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """A kept "it" under a cart change: nothing changes (an exit offer reads it as usual)."""
    exit_offer = offer is not None and OfferKind(offer.kind) in EXIT_KINDS
    if exit_offer or turn.action not in _VERBS.keys() | {"action_remove_too_expensive"}:
        return None
    _forget_question(shop, ctx)
    return [Reply("utter_confirm_declined")]


def _not_held(turn: Turn, refused: list[str], kept: list[str]) -> list[Reply] | None:
    """A refused product not in the cart ("no more mugs"): noted, nothing changes."""
    product = (turn.entities.get("product") or "").lower()
    if kept or not product or asked_text(turn.text).strip():
        return None
    thing = next((r for r in refused if product in r), None)
    if thing is None:
        return None
    return [Reply("utter_noted_nothing_changed", {"what": echoed(ENGLISH.content(thing) or thing)})]


def _held_only(
    shop: Shop,
    ctx: ChatContext,
    turn: Turn,
    view: CartView,
    held: tuple[list[str], list[str]],
    offer: OfferEventRow | None,
    ask: Ask,
    said_keep: bool,
) -> list[Reply] | None:
    """Only kept or refused things: kept lines stay; a refused line is asked to go.

    To a downsell or retention offer, "keep it" is the offer's own answer (it closes as
    kept), and to any offer a refusal alone is its "no": both read as usual.
    """
    if offer is not None and OfferKind(offer.kind) in EXIT_KINDS:
        return None
    kept, refused = held
    stays = _named(view, kept)
    unwanted = [line for line in _named(view, refused) if line not in stays]
    if not unwanted:
        _forget_question(shop, ctx)
        names = " and ".join(line.product.name for line in stays)
        if not said_keep:  # "don't remove the mug": the request declined
            return [Reply("utter_confirm_declined")]
        return [Reply("utter_item_kept", {"name": names})] if names else None
    if offer is not None:
        return None  # "no more mugs" to an add-on offer: the offer's "no"
    if len(unwanted) > 1:
        return [Reply("utter_ask_product")]
    line = unwanted[0]
    name = line.product.name
    removal = replace(
        turn,
        action="action_remove_item",
        intent="remove_item",
        entities={"product": name[:80]},
        text=f"remove the {name}",
    )
    return [ask(removal, f"remove the {line.quantity} × {name} from your cart")]


def _asked_part(
    shop: Shop,
    ctx: ChatContext,
    turn: Turn,
    view: CartView,
    asked: str,
    protected: list[CartLine],
    ask: Ask,
    corrects: bool = False,
) -> list[Reply] | None:
    """Carry out only the asking clause, never on a protected line.

    A refusal followed by a name of no cart line ("oops, not mugs, tripods": ``corrects``)
    is a correction: read as usual (``None``), as a swap. Kept lines are never read so.
    """
    keep_names = [line.product.name for line in protected]
    others = [line for line in view.lines if line.product.name not in keep_names]
    sweeping = says_remove(asked) or _EMPTY.search(asked) is not None
    if _REST.search(asked) and sweeping and not says_add(asked):  # "…, lose the rest"
        if not others:
            return [Reply("utter_item_kept", {"name": " and ".join(keep_names)})]
        text = f"remove everything except {' and '.join(keep_names)}"
        listed = ", ".join(line.product.name for line in others)
        removal = replace(turn, action="action_remove_item", intent="remove_item", entities={})
        summary = f"remove {listed} from your cart and keep {' and '.join(keep_names)}"
        return [ask(replace(removal, text=text), summary)]
    action = _action(turn, asked)
    targets = [line for line in _lines(view, asked) if line.product.name not in keep_names]
    scaled = multiplier(asked) is not None and len(targets) == 1 and not _REST.search(asked)
    if scaled:  # "double the mugs, keep the tripod"
        return scale_line(shop, ctx, f"{asked} {targets[0].product.name}")
    if action != "action_add_item" and len(targets) != 1:
        if corrects and not targets:
            return None
        kept = Reply("utter_item_kept", {"name": " and ".join(keep_names)})
        return [kept, Reply("utter_ask_product")]  # which line, never a kept one
    product = targets[0].product.name if action != "action_add_item" else _entity(turn, asked)
    quantity = turn.entities.get("quantity")
    entities = {"product": product} if product else {}
    if quantity and quantity in asked:
        entities["quantity"] = quantity
    request = replace(turn, action=action, intent=_VERBS[action], text=asked, entities=entities)
    if needs_confirmation(request.intent, turn.confidence) or action != turn.action:
        return [ask(request, None)]
    return _run(shop, ctx, request)


def _asks_anything(asked: str) -> bool:
    """Whether the asking clauses say more than courtesy ("remove everything" does)."""
    if not asked.strip():
        return False
    cues = says_remove(asked) or says_add(asked) or multiplier(asked) is not None
    return bool(ENGLISH.content(asked).strip()) or cues or _REST.search(asked) is not None


def _run(shop: Shop, ctx: ChatContext, request: Turn) -> list[Reply]:
    product, quantity = request.entities.get("product"), request.entities.get("quantity")
    if request.action == "action_remove_item":
        return cart.remove_item(shop, ctx, product, request.text, quantity_text=quantity)
    if request.action == "action_change_quantity":
        return cart.change_quantity(shop, ctx, product, quantity, request.text)
    if request.action == "action_swap_item":
        return cart.swap_item(shop, ctx, request.text)
    return cart.add_item(shop, ctx, product, quantity, request.text)


def _action(turn: Turn, asked: str) -> str:
    """The asking clause's own verb, else the turn's cart action (a removal by default)."""
    if says_swap(asked):
        return "action_swap_item"
    if says_remove(asked) and not says_add(asked):
        return "action_remove_item"
    if says_add(asked) and not says_remove(asked):
        return "action_add_item"
    return turn.action if turn.action in _VERBS else "action_remove_item"


def _entity(turn: Turn, asked: str) -> str | None:
    product = turn.entities.get("product")
    return product if product and words_of(product) <= words_of(asked) else None


def _lines(view: CartView, words: str) -> list[CartLine]:
    """The cart lines the words name: by all their words, else by any ("the mugs" → Mug)."""
    said = words_of(ENGLISH.content(words) or words)
    every = [line for line in view.lines if said and said <= words_of(line.product.name)]
    return every or [line for line in view.lines if said & words_of(line.product.name)]


def _named(view: CartView, things: list[str]) -> list[CartLine]:
    found: list[CartLine] = []
    for thing in things:
        found += [line for line in _lines(view, thing) if line not in found]
    return found


def _view(shop: Shop, ctx: ChatContext) -> CartView | None:
    try:
        with shop.session_factory.begin() as session:
            return open_cart(session, shop, ctx)[1]
    except DomainError:
        return None


def _forget_question(shop: Shop, ctx: ChatContext) -> None:
    """A kept line ends any pending question: a later "yes" must not remove it."""
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        if pending.peek(ctx.conversation_id, PENDING_MAX_AGE) is not None:
            pending.clear(ctx.conversation_id)
