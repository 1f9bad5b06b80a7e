"""A removal and an add in one message: both carried out, or asked (review s27, F48).

"remove the tripod and add 2 mugs", "add a mug and remove the tripod": when the removal
names exactly one cart line (and, with a count, less than the line holds), the line is
taken out and the add runs as its own request — it adds, or asks its own question ("Did
you mean …?", "How many?"), so neither request is dropped. When the removal is not clear,
nothing changes and the reply asks for one change at a time (as before). Called from
:func:`bot.chat.first_reading.first_reading`, whatever intent the model gave.

English cues: :mod:`bot.domain.language.en_two_requests`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat import cart
from bot.chat.common import replies_on_error
from bot.chat.removal_guards import _cart_view, _drop_pending, named_lines
from bot.chat.replies import ChatContext, Reply
from bot.domain.language import ENGLISH
from bot.domain.language.en_cart_cancels import counted_removal
from bot.domain.language.en_two_requests import removal_and_add
from bot.services.shop import Shop

if TYPE_CHECKING:
    from bot.chat.turns import Turn

_DONE = frozenset({"utter_removed", "utter_decremented"})


@replies_on_error
def both(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Carry out "remove the tripod and add 2 mugs" as two requests; else None."""
    said = removal_and_add(turn.text)
    view = _cart_view(shop, ctx) if said is not None else None
    if said is None or view is None:
        return None
    removal, add = said
    counted = counted_removal(removal)
    count, words = counted if counted is not None else (None, ENGLISH.content(removal))
    lines = named_lines(view, words)
    if len(lines) != 1:
        return None  # which line is unclear: one change at a time, nothing changed
    held = view.line_for(lines[0].sku)
    if held is None or (count is not None and count >= held.quantity):
        return None  # the whole line by a count: asked about on its own
    _drop_pending(shop, ctx)
    quantity = None if count is None else str(count)
    removed = cart.remove_item(shop, ctx, lines[0].name, None, quantity_text=quantity)
    if not removed or removed[0].response not in _DONE:
        return removed + [Reply("utter_one_change_at_a_time")]  # the add is not dropped silently
    return removed + cart.add_item(shop, ctx, None, None, add)
