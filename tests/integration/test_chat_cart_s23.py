"""Review s23 (issue 12, "never a cart change on a guess"): removals never add, adds never snap.

Each turn runs as the action server runs it — words read first (``run_turn``), then the
dialogue and the predicted action's flow; a confirmed request is re-run confirmed. The NLU
readings are the model's own for each message (``rasa`` parse of the shipped model). Every
test asserts the replies and the cart in the store after each message.
"""

from __future__ import annotations

import pytest

from bot.chat import cancel
from bot.chat.by_text import run_turn
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from tests.integration.test_chat_cartsafe_s21 import MORE_FLOWS

FLOWS = {
    **MORE_FLOWS,
    "action_confirm_cancel": lambda shop, ctx, t: cancel.confirm_cancel(shop, ctx),
    "action_cancel_subscription": lambda shop, ctx, t: cancel.cancel_subscription(
        shop, ctx, t.text
    ),
}
ACTIONS = {
    "add_item": "action_add_item",
    "remove_item": "action_remove_item",
    "change_quantity": "action_change_quantity",
    "swap_item": "action_swap_item",
    "choose_option": "action_choose_option",
    "affirm": "action_accept_offer",
    "deny": "action_decline_offer",
    "remove_too_expensive": "action_remove_too_expensive",
    "cancel_anyway": "action_confirm_cancel",
    "cancel_subscription": "action_cancel_subscription",
}


def say(shop, ctx: ChatContext, intent: str, text: str, confidence: float = 0.99, **entities):
    """One message as the model read it (intent, confidence, entities), run as the server does."""
    return run(shop, ctx, Turn(ACTIONS[intent], intent, confidence, text, entities))


def run(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return run(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    def flow(context: ChatContext) -> list[Reply]:
        return FLOWS[turn.action](shop, context, turn)

    return run_turn(shop, ctx, turn, lambda: handle(shop, ctx, turn, flow, rerun))


def responses(replies: list[Reply]) -> list[str]:
    return [r.response for r in replies]


YES = ("affirm", "yes")


# --- T2: a removal verb never leads to an add ------------------------------------------------


@pytest.mark.parametrize(
    ("intent", "text", "entities"),
    [
        ("swap_item", "nix the mouse pad", {"quantity": "nix", "product": "mouse pad"}),  # model
        ("swap_item", "ditch the mouse pad please", {"product": "mouse pad"}),
        ("change_quantity", "nix the mouse pad", {"product": "mouse pad"}),
        ("change_quantity", "scrap the mouse pads", {"product": "mouse pads"}),
        ("add_item", "lose the mouse pad", {"product": "mouse pad"}),
    ],
)
def test_a_removal_of_a_product_not_in_the_cart_says_so_and_its_answer_never_adds(
    shop, new_cart, probe, intent, text, entities
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-t2", token)

    replies = say(shop, ctx, intent, text, 0.81, **entities)

    assert replies == [Reply("utter_not_in_cart", {"name": "Mouse Pad"})], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
    answered = say(shop, ctx, "choose_option", "2", quantity="2")  # the reviewer's answer
    assert "utter_added" not in responses(answered), answered
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize("intent", ["swap_item", "change_quantity"])
def test_a_removal_verb_of_a_line_in_the_cart_removes_it_and_asks_no_quantity(
    shop, new_cart, probe, intent
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1), ("LA-PAD", 2)])
    ctx = ChatContext("conv-s23-t2-line", token)

    replies = say(shop, ctx, intent, "nix the mouse pad", 0.81, product="mouse pad")

    assert responses(replies) == ["utter_removed"], replies
    assert replies[0].params["name"] == "Mouse Pad"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_an_unsure_slang_removal_is_asked_back_as_a_removal(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-PAD", 1)])
    ctx = ChatContext("conv-s23-t2-unsure", token)

    asked = say(shop, ctx, "swap_item", "nix the mouse pad", 0.3, product="mouse pad")

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params["action"].startswith("remove "), asked
    say(shop, ctx, *YES)
    assert probe.lines(shop, cart_id) == {}


# --- T4: a too-expensive removal considers cart lines only --------------------------------


@pytest.mark.parametrize(
    "text", ["remove the camera, it's too expensive", "the camera is too pricey, take it out"]
)
def test_too_expensive_for_a_product_not_in_the_cart_never_offers_the_catalog(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-t4", token)

    replies = say(shop, ctx, "remove_too_expensive", text, product="camera")

    assert replies == [Reply("utter_not_in_cart", {"name": "camera"})], replies
    answered = say(shop, ctx, "choose_option", "the first one")  # no question to answer
    assert "utter_added" not in responses(answered), answered
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_too_expensive_with_two_cameras_asks_to_remove_and_the_answer_removes(
    shop, new_cart, probe
) -> None:
    lines = [("CM-SNAP-ENT", 1), ("CM-SNAP-MID", 1), ("CF-MUG", 1)]
    cart_id, token = new_cart(shop, lines=lines)
    ctx = ChatContext("conv-s23-t4-two", token)

    asked = say(
        shop, ctx, "remove_too_expensive", "remove the camera, it's too expensive", product="camera"
    )

    assert asked[0].response == "utter_did_you_mean", asked
    assert asked[0].params["options"] == "to remove Snap Camera Entry or Snap Camera Mid"
    assert "Snap Camera Pro" not in str(asked) and "Shoulder Bag" not in str(asked)
    done = say(shop, ctx, "choose_option", "the second one")
    assert responses(done) == ["utter_removed"], done
    assert probe.lines(shop, cart_id) == {"CM-SNAP-ENT": 1, "CF-MUG": 1}


# --- T3: an add reads the catalog; a cart line never breaks its tie -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "could I also get a mouse",
        "add a mouse",
        "I'd like a mouse too",
        "can I get a mouse as well",
    ],
)
def test_an_add_of_a_mouse_with_a_mouse_pad_in_the_cart_never_adds_a_pad(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-PAD", 1)])
    ctx = ChatContext("conv-s23-t3", token)

    asked = say(shop, ctx, "add_item", text, product="mouse")

    assert asked[0].response == "utter_did_you_mean", asked
    assert "Wireless Mouse" in asked[0].params["options"], asked
    assert probe.lines(shop, cart_id) == {"LA-PAD": 1}
    done = say(shop, ctx, "choose_option", "the wireless one")
    assert responses(done)[0] == "utter_added", done
    assert probe.lines(shop, cart_id) == {"LA-PAD": 1, "LA-MOUSE": 1}


def test_a_several_add_never_snaps_to_a_cart_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-PAD", 1)])
    ctx = ChatContext("conv-s23-t3-several", token)

    replies = say(shop, ctx, "add_item", "add a ceramic mug and a mouse")

    assert responses(replies) == ["utter_added_several", "utter_did_you_mean"], replies
    assert probe.lines(shop, cart_id) == {"LA-PAD": 1, "CF-MUG": 1}


def test_a_removal_still_prefers_the_cart_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-PAD", 1), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-t3-remove", token)

    say(shop, ctx, "remove_item", "remove the pad", product="pad")  # not the charging pad

    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


# --- "add 3 filters?": an add asked as a question ----------------------------------------


@pytest.mark.parametrize(
    ("text", "entities", "summary", "added"),
    [
        ("add 3 filters?", {"quantity": "3", "product": "filters"},
         "add 3 × Paper Coffee Filters ($12.00 in all)", {"CF-FILTER": 3}),
        ("so get 2 mugs??", {"quantity": "2", "product": "mugs"},
         "add 2 × Ceramic Mug ($18.00 in all)", {"CF-MUG": 2}),
    ],
)  # fmt: skip
def test_an_add_with_a_question_mark_is_asked_back_with_its_price(
    shop, new_cart, probe, text, entities, summary, added
) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-s23-asked-add", token)

    asked = say(shop, ctx, "add_item", text, **entities)

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params == {"action": summary}
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}
    say(shop, ctx, *YES)
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, **added}


def test_a_plain_add_and_a_polite_question_still_add(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s23-plain-add", token)

    say(shop, ctx, "add_item", "add 3 filters", quantity="3", product="filters")
    say(shop, ctx, "add_item", "can you add 2 mugs?", quantity="2", product="mugs")

    assert probe.lines(shop, cart_id) == {"CF-FILTER": 3, "CF-MUG": 2}


# --- a removal never pulls a line whose name only holds the word as a modifier -------------


@pytest.mark.parametrize(
    ("intent", "text", "product", "line"),
    [
        ("remove_too_expensive", "remove the camera, it's too expensive", "camera", "CA-BAG"),
        ("remove_item", "remove the camera", "camera", "CA-BAG"),
        ("remove_item", "remove the mouse", "mouse", "LA-PAD"),
    ],
)
def test_a_removal_by_a_modifier_word_asks_about_the_line_first(
    shop, new_cart, probe, intent, text, product, line
) -> None:
    cart_id, token = new_cart(shop, lines=[(line, 1), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-modifier", token)

    asked = say(shop, ctx, intent, text, product=product)

    assert asked[0].response == "utter_did_you_mean", asked
    assert asked[0].params["options"].startswith("to remove "), asked
    assert probe.lines(shop, cart_id) == {line: 1, "CF-MUG": 1}
    done = say(shop, ctx, *YES)
    assert responses(done) == ["utter_removed"], done
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_removal_by_the_head_noun_removes_the_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PA-CASE-CLR", 1), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-head", token)

    say(shop, ctx, "remove_item", "remove the case", product="case")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
