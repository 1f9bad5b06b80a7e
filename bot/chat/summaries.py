"""What a confirmation says it would do, always naming the product ("remove USB-C Cable 1m").

"Just to be sure: do you want me to remove that?" names nothing the shopper can check. A
request that names no product of its own ("remove it", "add 2") is summarised with the
product it would act on — the one in focus — and one with no product to name is not
confirmed at all: the shopper is asked which product (:func:`request_summary` gives None).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from bot.chat.cart_requests import in_focus
from bot.chat.replies import echoed
from bot.domain.dialogue import request_summary as summary_of
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import says_add, says_remove, says_swap
from bot.domain.language.en_words import REFERENCE_NOUNS

PRODUCT = "{product}"
"""Where a given summary names the product ("take {product} out of your cart")."""
_ABOUT_A_PRODUCT = frozenset({"add_item", "remove_item", "change_quantity", "remove_too_expensive"})


def _named(product: str | None) -> str | None:
    """The product words a request said, or None for none ("it", "that item", only a number)."""
    words = ENGLISH.content(product or "").split()
    naming = [w for w in words if not w.isdigit() and w not in REFERENCE_NOUNS]
    return product if naming else None


def request_summary(
    session: Session,
    conversation_id: str,
    request: tuple[str | None, Mapping[str, str], str],
    given: str | None = None,
) -> str | None:
    """The summary of ``(intent, entities, text)`` (or ``given``) with its product named.

    Returns:
        The words for "do you want me to …?", or None when the request is about a product
        and none can be named (nothing said, nothing in focus).
    """
    if given is not None and PRODUCT not in given:
        return given
    intent, entities, text = request
    product = _named(entities.get("product"))
    product = echoed(product) if product else None  # a pasted paragraph is never echoed whole
    if intent == "swap_item" and given is None:
        return _swap_summary(session, conversation_id, text, product)
    if intent == "choose_option" and product is None and given is None:
        return f'go with "{echoed(text)}"' if text.strip() else None
    if product is None and (intent in _ABOUT_A_PRODUCT or (given and PRODUCT in given)):
        focus = in_focus(session, conversation_id)
        if focus is None:
            return None
        product = focus.name
    if given is not None:
        return given.replace(PRODUCT, product or "it")
    return summary_of(intent, {**entities, "product": product} if product else entities)


def _swap_summary(
    session: Session, conversation_id: str, text: str, product: str | None
) -> str | None:
    """What the swap flow would do with ``text`` (:func:`bot.chat.cart.swap_item`).

    A message with no swap cue is never a swap there (it removes, adds, or asks how many): the
    summary says so, so that "yes" does what the question named. A swap of a part of a
    line ("one of the headphones") names the part.
    """
    named = echoed(product or ENGLISH.content(text))
    if not says_swap(text) and says_remove(text) and not says_add(text):
        return f"remove {named}"  # "nix the mouse pad": the flow removes (review s23, T2)
    if not says_swap(text):
        return f"add {named}" if says_add(text) else None
    old, new = ENGLISH.swap_sides(text, [product] if product else [])
    if not new:
        return None
    if old == "":  # "swap it for …": the product in focus
        focus = in_focus(session, conversation_id)
        old = focus.name if focus is not None else None
    taken = ENGLISH.swap_old_quantity(text)
    if old and taken:  # "swap one of the headphones for the studio": only one goes
        words = " ".join(w for w in old.split() if w != taken)
        return f"swap {taken} of the {words} for {new}"
    return f"swap {old} for {new}" if old else f"swap to {new}"
