"""Review s27 (issue 12, F21): "another suggestion?", "a different one?" never repeat the same.

After a suggestion, a request for another one shows the next-ranked add-on not shown yet,
or says there is none: whether the suggestion is still open or the shopper moved on
between, and whatever intent the model gave. The suggestion flow gets the message text, as
``actions.suggestions.ActionSuggestAddon`` passes it. Every test asserts the cart too.
"""

from __future__ import annotations

import pytest

from bot.chat import selling
from bot.chat.replies import ChatContext
from tests.integration import s25_chat
from tests.integration.s25_chat import responses, say

ARIA = {"PH-ARIA-256": 1}
FIRST = "Clear Phone Case"  # the first-ranked add-on of the Aria phone


@pytest.fixture(autouse=True)
def _suggestion_reads_its_text(monkeypatch) -> None:
    def suggest(shop, ctx, turn):
        return selling.suggest_addon(shop, ctx, None if turn.text.startswith("/") else turn.text)

    monkeypatch.setitem(s25_chat.FLOWS, "ask_suggestion", suggest)


def _shown(shop, new_cart, name: str):
    cart_id, token = new_cart(shop, lines=list(ARIA.items()))
    ctx = ChatContext(f"conv-s27-f21-{name}", token)
    first = say(shop, ctx, "ask_suggestion", "what goes with my cart?")
    assert first[-1].params["name"] == FIRST, first
    return cart_id, ctx


ANOTHER = [
    "another suggestion",
    "something else?",
    "any other ideas?",
    "another one?",
    "a different one?",
    "next one",
    "something different please",
    "what else you got",
    "got anything else",
    "show me another",
]


@pytest.mark.parametrize("text", ANOTHER)
@pytest.mark.parametrize("intent", ["ask_suggestion", "deny", "add_item"])
def test_another_suggestion_while_one_is_open_shows_the_next(
    shop, new_cart, probe, text, intent
) -> None:
    cart_id, ctx = _shown(shop, new_cart, "open")

    replies = say(shop, ctx, intent, text)

    assert replies[-1].response == "utter_offer_addon", replies
    assert replies[-1].params["name"] != FIRST
    assert probe.lines(shop, cart_id) == ARIA


@pytest.mark.parametrize("text", ANOTHER)
def test_another_suggestion_after_moving_on_still_skips_the_one_shown(
    shop, new_cart, probe, text
) -> None:
    cart_id, ctx = _shown(shop, new_cart, "moved")
    say(shop, ctx, "show_cart", "what's in my cart")  # the suggestion is closed as moved on

    replies = say(shop, ctx, "ask_suggestion", text)

    assert replies[-1].response == "utter_offer_addon", replies
    assert replies[-1].params["name"] != FIRST
    assert probe.lines(shop, cart_id) == ARIA


@pytest.mark.parametrize(
    ("intent", "text"),
    [("deny", "not that, something else"), ("ask_suggestion", "no, a different one please")],
)
def test_not_that_something_else_declines_it_and_shows_the_next(
    shop, new_cart, probe, intent, text
) -> None:
    cart_id, ctx = _shown(shop, new_cart, "not-that")

    replies = say(shop, ctx, intent, text)

    assert responses(replies) == ["utter_offer_declined", "utter_offer_addon"], replies
    assert replies[-1].params["name"] != FIRST
    assert ("declined", "addon", "PA-CASE-CLR", True) in probe.offers(shop, ctx.conversation_id)
    assert probe.lines(shop, cart_id) == ARIA


def test_asking_again_and_again_never_repeats_and_ends_with_no_other(shop, new_cart, probe) -> None:
    cart_id, ctx = _shown(shop, new_cart, "all")
    names = [FIRST]

    for _ in range(20):
        replies = say(shop, ctx, "ask_suggestion", "another one?")
        if replies[-1].response == "utter_no_suggestion":
            break
        names.append(replies[-1].params["name"])
    else:
        pytest.fail(f"never ran out: {names}")

    assert len(names) == len(set(names)), names
    assert probe.lines(shop, cart_id) == ARIA
