"""Review s27 (issue 12): counted removals, "cancel my cart", "never mind" after an add.

F40: "cancel one tripod" takes one out, never the line. F7/F8: "cancel 2 mugs" is a partial
removal of the mug line, never "Mug isn't in your cart". F60: "cancel my cart" is the cart,
never the subscription; "cancel everything" asks which. F24: "never mind" right after an
add offers to undo it (asked, not done). Turns run as in :mod:`test_chat_cart_s23`; every
test asserts the store after the turn(s).
"""

from __future__ import annotations

import pytest

from bot.chat.cart_cancels import EMPTY_CART_TEXT
from bot.chat.replies import ChatContext
from tests.integration import s25_chat
from tests.integration.test_chat_cart_s23 import YES, responses, say
from tests.integration.test_chat_dialogue import subscribe

# --- F40: a count with a cart verb takes exactly that many out -------------------------------


@pytest.mark.parametrize(
    ("intent", "text", "entities"),
    [
        ("remove_item", "cancel one tripod", {"product": "tripod", "quantity": "one"}),
        ("remove_item", "cancel one tripod", {"product": "tripod"}),
        ("cancel_subscription", "cancel one tripod", {"product": "tripod"}),
        ("cancel_anyway", "cancel one tripod", {}),
        ("change_quantity", "drop one tripod", {"product": "tripod", "quantity": "one"}),
        ("remove_item", "take 1 tripod out", {"product": "tripod", "quantity": "1"}),
        ("remove_item", "get rid of one tripod please", {"product": "tripod"}),
        ("change_quantity", "minus one tripod", {"product": "tripod", "quantity": "one"}),
        ("remove_item", "delete 1 tripod from my cart", {"product": "tripod"}),
        ("swap_item", "can you cancel a tripod", {"product": "tripod"}),
    ],
)
def test_a_count_with_a_cart_verb_takes_exactly_that_many_out(
    shop, new_cart, probe, intent, text, entities
) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 3), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s27-f40", token)

    replies = say(shop, ctx, intent, text, 0.9, **entities)

    assert responses(replies) == ["utter_decremented"], replies
    assert replies[0].params["removed"] == "1"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2, "CF-MUG": 1}


def test_a_counted_cancel_with_a_subscription_is_the_cart_and_never_the_plan(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, customer_ref="s27-sub", lines=[("CA-TRIPOD", 2)])
    sub_id, _ = subscribe(shop, "care-plus", ref="s27-sub")
    ctx = ChatContext("conv-s27-f40-sub", token)

    replies = say(shop, ctx, "cancel_subscription", "cancel one tripod", 0.9)

    assert responses(replies) == ["utter_decremented"], replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


@pytest.mark.parametrize(
    "text", ["cancel 2 tripods", "remove two tripods", "take out 2 tripods", "cancel one tripod"]
)
def test_a_count_equal_to_the_line_is_asked_first_and_the_yes_removes_it(
    shop, new_cart, probe, text
) -> None:
    held = 1 if "one" in text else 2
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", held), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s27-f40-all", token)

    asked = say(shop, ctx, "remove_item", text, 0.9, product="tripods")

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params == {"action": f"remove all {held} × Travel Tripod from your cart"}
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": held, "CF-MUG": 1}
    done = say(shop, ctx, *YES)
    assert responses(done) == ["utter_removed"], done
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_count_equal_to_the_line_and_no_keeps_it(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 2)])
    ctx = ChatContext("conv-s27-f40-no", token)

    say(shop, ctx, "cancel_subscription", "cancel 2 tripods", 0.9)
    declined = say(shop, ctx, "deny", "no")

    assert responses(declined) == ["utter_confirm_declined"], declined
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2}


@pytest.mark.parametrize("text", ["remove 5 tripods", "cancel five tripods", "take 4 tripods out"])
def test_a_count_above_the_line_is_explained_and_changes_nothing(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 3)])
    ctx = ChatContext("conv-s27-f40-over", token)

    replies = say(shop, ctx, "remove_item", text, 0.9, product="tripods")

    assert responses(replies) == ["utter_remove_too_many"], replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 3}


# --- F7/F8: cancel + count + a cart product is a partial removal of that line ------------------


@pytest.mark.parametrize(
    ("intent", "text", "entities", "left"),
    [
        ("remove_item", "cancel 1 mug", {"product": "mug", "quantity": "1"}, 4),
        ("remove_item", "cancel 2 mugs", {"product": "mugs", "quantity": "2"}, 3),
        ("cancel_subscription", "cancel 2 mugs", {"product": "mugs", "quantity": "2"}, 3),
        ("cancel_subscription", "cancel 1 mug", {}, 4),
        ("cancel_anyway", "please cancel two of the mugs", {}, 3),
        ("add_item", "cancel a couple of mugs", {"product": "mugs"}, 3),
        ("remove_item", "cancel 3 of my mugs", {"product": "mugs", "quantity": "3"}, 2),
        ("remove_item", "i want to cancel one mug", {"product": "mug"}, 4),
    ],
)
def test_cancel_with_a_count_of_a_cart_product_takes_that_many_out(
    shop, new_cart, probe, intent, text, entities, left
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 5), ("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-s27-f7", token)

    replies = say(shop, ctx, intent, text, 0.9, **entities)

    assert responses(replies) == ["utter_decremented"], replies
    assert replies[0].params["name"] == "Ceramic Mug"
    assert probe.lines(shop, cart_id) == {"CF-MUG": left, "CA-TRIPOD": 1}


# --- F60: cart words with cancel are the cart, never the subscription --------------------------

CART_CANCELS = [
    "cancel items",
    "cancel the items in my cart",
    "cancel my cart",
    "cancel everything in the cart",
    "cancel all the items in my basket",
    "please cancel my whole shopping cart",
    "cancel all my cart items",
]


@pytest.mark.parametrize("text", CART_CANCELS)
@pytest.mark.parametrize("intent", ["cancel_subscription", "cancel_anyway"])
def test_cancel_with_cart_words_asks_to_empty_the_cart_never_the_plan(
    shop, new_cart, probe, text, intent
) -> None:
    cart_id, token = new_cart(shop, customer_ref="s27-f60", lines=[("CA-TRIPOD", 1), ("CF-MUG", 2)])
    sub_id, _ = subscribe(shop, "care-plus", ref="s27-f60")
    ctx = ChatContext("conv-s27-f60", token)

    asked = say(shop, ctx, intent, text, 0.9)

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params == {"action": "remove everything from your cart"}
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 2}
    assert probe.offers(shop, ctx.conversation_id) == []  # no retention offer opened
    done = say(shop, ctx, *YES)
    assert responses(done) == ["utter_cart_cleared"], done
    assert probe.lines(shop, cart_id) == {}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


@pytest.mark.parametrize("text", CART_CANCELS[:4])
def test_cancel_my_cart_when_it_is_empty_says_so_and_keeps_the_plan(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, customer_ref="s27-f60-empty")
    sub_id, _ = subscribe(shop, "care-plus", ref="s27-f60-empty")
    ctx = ChatContext("conv-s27-f60-empty", token)

    replies = say(shop, ctx, "cancel_subscription", text, 0.9)

    assert responses(replies) == ["utter_cart_empty"], replies
    assert probe.lines(shop, cart_id) == {}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


EVERYTHING = ["cancel everything", "cancel it all", "please cancel all of it", "cancel the lot"]


@pytest.mark.parametrize("text", EVERYTHING)
def test_cancel_everything_with_a_cart_and_a_plan_asks_which(shop, new_cart, probe, text) -> None:
    cart_id, token = new_cart(shop, customer_ref="s27-all", lines=[("CA-TRIPOD", 1)])
    sub_id, _ = subscribe(shop, "care-plus", ref="s27-all")
    ctx = ChatContext("conv-s27-all", token)

    asked = say(shop, ctx, "cancel_subscription", text, 0.9)

    assert asked[0].response == "utter_ask_cancel_what", asked
    assert asked[0].params == {"name": "everything"}
    assert [b[1] for b in asked[0].buttons] == [EMPTY_CART_TEXT, "/cancel_subscription"]
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    pressed = say(shop, ctx, "cancel_subscription", EMPTY_CART_TEXT, 0.6)  # as NLU may read it
    assert pressed[0].params == {"action": "remove everything from your cart"}, pressed
    say(shop, ctx, *YES)
    assert probe.lines(shop, cart_id) == {}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


@pytest.mark.parametrize("text", EVERYTHING)
def test_cancel_everything_with_an_empty_cart_says_so_and_asks_about_the_plan(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, customer_ref="s27-all-empty")
    sub_id, _ = subscribe(shop, "care-plus", ref="s27-all-empty")
    ctx = ChatContext("conv-s27-all-empty", token)

    asked = say(shop, ctx, "cancel_subscription", text, 0.9)

    assert responses(asked) == ["utter_cart_empty", "utter_confirm_action"], asked
    assert asked[1].params == {"action": "cancel your subscription"}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    done = say(shop, ctx, *YES)
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus"), done
    assert probe.lines(shop, cart_id) == {}


def test_cancel_everything_with_only_a_cart_asks_to_empty_it(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])
    ctx = ChatContext("conv-s27-all-cart", token)

    asked = say(shop, ctx, "cancel_subscription", "cancel everything", 0.9)

    assert asked[0].params == {"action": "remove everything from your cart"}, asked
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}
    say(shop, ctx, "deny", "no")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_cancel_my_subscription_is_still_the_subscription(shop, new_cart, probe) -> None:
    _, token = new_cart(shop, customer_ref="s27-sub-plain", lines=[("CF-MUG", 1)])
    sub_id, _ = subscribe(shop, "care-plus", ref="s27-sub-plain")
    ctx = ChatContext("conv-s27-sub-plain", token)

    replies = say(shop, ctx, "cancel_subscription", "cancel my subscription")

    assert replies[0].response.startswith("utter_offer_retention"), replies
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


# --- F24: "never mind" right after an add offers to undo it ----------------------------------

NEVER_MIND = [
    ("deny", "actually nevermind"),
    ("deny", "never mind"),
    ("out_of_scope", "nevermind"),
    ("nlu_fallback", "oh never mind then"),
    ("affirm", "actually, forget it"),
    ("deny", "i changed my mind"),
]


@pytest.mark.parametrize(("intent", "text"), NEVER_MIND)
def test_never_mind_after_an_add_asks_to_undo_it_and_the_yes_does(
    shop, new_cart, probe, intent, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-s27-f24", token)
    added = s25_chat.say(shop, ctx, "add_item", "add 2 mugs", product="mugs", quantity="2")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 2}, added

    asked = s25_chat.say(shop, ctx, intent, text, 0.9)

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params == {"action": "undo adding 2 × Ceramic Mug"}
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 2}  # asked, not done
    done = s25_chat.say(shop, ctx, "affirm", "yes")
    assert responses(done) == ["utter_undone"], done
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_never_mind_after_an_add_and_no_keeps_the_add(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s27-f24-no", token)
    s25_chat.say(shop, ctx, "add_item", "add a tripod", product="tripod")

    s25_chat.say(shop, ctx, "deny", "never mind")
    kept = s25_chat.say(shop, ctx, "deny", "no")

    assert responses(kept) == ["utter_confirm_declined"], kept
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_never_mind_after_a_removal_offers_no_undo(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 1), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s27-f24-rm", token)
    s25_chat.say(shop, ctx, "remove_item", "remove the tripod", product="tripod")

    replies = s25_chat.say(shop, ctx, "deny", "never mind")

    assert "utter_confirm_action" not in responses(replies), replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_never_mind_after_an_add_with_its_add_on_offer_declines_it_and_asks_the_undo(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s27-f24-offer", token)
    added = s25_chat.say(shop, ctx, "add_item", "add the aria phone 256", product="aria phone 256")
    assert responses(added) == ["utter_added", "utter_offer_addon"], added

    asked = s25_chat.say(shop, ctx, "deny", "actually nevermind", 0.9)

    assert responses(asked) == ["utter_offer_declined", "utter_confirm_action"], asked
    assert asked[1].params == {"action": "undo adding Aria Phone 256 GB"}
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    s25_chat.say(shop, ctx, "affirm", "yes")
    assert probe.lines(shop, cart_id) == {}


@pytest.mark.parametrize("intent", ["remove_item", "cancel_subscription"])
def test_a_misspelt_counted_cancel_of_a_cart_line_takes_that_many_out(
    shop, new_cart, probe, intent
) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 3), ("CF-MUG", 3)])
    ctx = ChatContext("conv-s27-f7-typo", token)

    replies = say(shop, ctx, intent, "cancel 1 tripd", 0.9, product="tripd")

    assert responses(replies) == ["utter_decremented"], replies  # never "not in your cart"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2, "CF-MUG": 3}


@pytest.mark.parametrize("text", ["cancel 2 coffee mugs", "cancel 2 of the white mugs"])
def test_a_counted_cancel_named_by_its_noun_only_is_asked_and_the_yes_takes_that_many(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 1), ("CF-MUG", 3)])
    ctx = ChatContext("conv-s27-f7-noun", token)

    asked = say(shop, ctx, "cancel_subscription", text, 0.9)

    assert asked[0].params == {"action": "remove 2 × Ceramic Mug from your cart"}, asked
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 3}
    done = say(shop, ctx, *YES)
    assert responses(done) == ["utter_decremented"], done
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 1}


@pytest.mark.parametrize(
    ("sku", "text", "name", "held"),
    [
        ("LA-HUB", "cancel one usb-c hub", "USB-C Hub 7-in-1", 1),
        ("PH-ARIA-256", "remove 2 aria phones", "Aria Phone 256 GB", 2),
    ],
)
def test_a_count_of_a_name_with_numbers_asks_and_the_yes_takes_that_many(
    shop, new_cart, probe, sku, text, name, held
) -> None:
    cart_id, token = new_cart(shop, lines=[(sku, held), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s27-f40-names", token)

    asked = say(shop, ctx, "remove_item", text, 0.9)

    assert asked[0].params == {"action": f"remove all {held} × {name} from your cart"}, asked
    done = say(shop, ctx, *YES)
    assert responses(done) == ["utter_removed"], done
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_counted_cancel_by_noun_above_the_line_is_explained(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3)])
    ctx = ChatContext("conv-s27-f7-noun-over", token)

    replies = say(shop, ctx, "cancel_subscription", "cancel 5 coffee mugs", 0.9)

    assert responses(replies) == ["utter_remove_too_many"], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 3}
