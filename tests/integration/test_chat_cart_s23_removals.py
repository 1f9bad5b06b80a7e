"""Review s23 (issue 12): sweeping removals and "cancel the X (order)", read before anything.

T6: "remove all the usb-c things" while a did-you-mean waits is a new request: the lines it
names are listed and asked about, and the yes removes exactly those. T5: "stop the mouse pad
order" is never an add: a line in the cart is asked about, anything else gets the honest
"I can't cancel a placed order here". Turns run as in :mod:`test_chat_cart_s23`.
"""

from __future__ import annotations

import pytest

from bot.chat.replies import ChatContext, Reply
from tests.integration.test_chat_cart_s23 import YES, responses, say
from tests.integration.test_chat_dialogue import subscribe

USB = [("PA-CBL-USBC", 1), ("LA-HUB", 1), ("CF-MUG", 1)]
USB_NAMES = "remove USB-C Cable 1m and USB-C Hub 7-in-1 from your cart"


def _usb_cart(shop, new_cart, name: str):
    cart_id, token = new_cart(shop, lines=USB)
    return cart_id, ChatContext(f"conv-s23-{name}", token)


# --- T6: "remove all the X" ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("remove all the usb-c things", "usb-c"),  # the reviewer's, as the model read it
        ("get rid of all the usb-c stuff", "usb-c"),
        ("take out all the usb c items please", "usb c items"),
    ],
)
def test_all_the_x_while_a_did_you_mean_waits_names_every_line_and_yes_removes_them(
    shop, new_cart, probe, text, product
) -> None:
    cart_id, ctx = _usb_cart(shop, new_cart, "t6")
    first = say(shop, ctx, "remove_item", "remove the usb-c", product="usb-c")
    assert first[0].response == "utter_did_you_mean", first  # pending: to remove A or B?

    asked = say(shop, ctx, "remove_item", text, product=product)

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params == {"action": USB_NAMES}
    assert probe.lines(shop, cart_id) == dict(USB)  # nothing yet, and never just one
    done = say(shop, ctx, *YES)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}, done


def test_all_the_x_no_keeps_every_line(shop, new_cart, probe) -> None:
    cart_id, ctx = _usb_cart(shop, new_cart, "t6-no")

    asked = say(shop, ctx, "remove_item", "remove all the usb-c things", product="usb-c")
    declined = say(shop, ctx, "deny", "no")

    assert asked[0].params == {"action": USB_NAMES}
    assert responses(declined) == ["utter_confirm_declined"], declined
    assert probe.lines(shop, cart_id) == dict(USB)


def test_all_the_x_of_one_line_removes_that_line_only(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3), ("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-s23-t6-one", token)

    replies = say(shop, ctx, "remove_item", "remove all the mugs", product="mugs")

    assert responses(replies) == ["utter_removed"], replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    ("text", "product"),
    [("remove the usb-c things", "usb-c"), ("take out the usb-c cables and hubs", "usb-c cables")],
)
def test_a_new_removal_of_several_while_a_did_you_mean_waits_never_removes_just_one(
    shop, new_cart, probe, text, product
) -> None:
    cart_id, ctx = _usb_cart(shop, new_cart, "t6-plural")
    say(shop, ctx, "remove_item", "remove the usb-c", product="usb-c")  # pending: A or B?

    replies = say(shop, ctx, "remove_item", text, product=product)
    if replies[0].response == "utter_confirm_action":  # the plural: both named first
        assert replies[0].params == {"action": USB_NAMES}
        assert probe.lines(shop, cart_id) == dict(USB)
        replies = say(shop, ctx, *YES)

    assert responses(replies) == ["utter_removed"], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}  # both lines, never one of them


def test_a_plural_of_one_line_is_read_as_usual(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("PA-CBL-USBC", 1)])
    ctx = ChatContext("conv-s23-t6-mugs", token)

    replies = say(shop, ctx, "remove_item", "remove the mugs", product="mugs")

    assert responses(replies) == ["utter_removed"], replies
    assert probe.lines(shop, cart_id) == {"PA-CBL-USBC": 1}


# --- "remove both phone cases" ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "product"),
    [("remove both phone cases", "both"), ("take both phone cases out", "phone cases")],
)
def test_both_over_one_line_of_two_removes_that_line_and_no_other(
    shop, new_cart, probe, text, product
) -> None:
    cart_id, token = new_cart(shop, lines=[("PA-CASE-CLR", 2), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-both", token)

    replies = say(shop, ctx, "remove_item", text, product=product)

    assert responses(replies) == ["utter_removed"], replies
    assert replies[0].params["name"] == "Clear Phone Case"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_both_over_two_case_lines_names_them_first(shop, new_cart, probe) -> None:
    lines = [("PA-CASE-CLR", 1), ("PA-CASE-LTH", 1), ("CF-MUG", 1)]
    cart_id, token = new_cart(shop, lines=lines)
    ctx = ChatContext("conv-s23-both-two", token)

    asked = say(shop, ctx, "remove_item", "remove both phone cases", product="both")

    assert asked[0].params == {
        "action": "remove Clear Phone Case and Leather Phone Case from your cart"
    }
    assert probe.lines(shop, cart_id) == dict(lines)
    say(shop, ctx, *YES)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


# --- T5: "stop the mouse pad order" ----------------------------------------------------------


@pytest.mark.parametrize(
    ("intent", "confidence", "text"),
    [
        ("swap_item", 0.45, "stop the mouse pad order"),  # the model's readings
        ("cancel_anyway", 0.90, "cancel the mouse pad order"),
        ("cancel_anyway", 0.89, "cancel the mouse pad"),
        ("add_item", 0.99, "stop the mouse pad order"),
        ("remove_item", 0.79, "please call off the mouse pad"),
    ],
)
def test_cancel_a_product_in_the_cart_asks_to_remove_it_and_never_adds(
    shop, new_cart, probe, intent, confidence, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-PAD", 1), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-t5", token)

    asked = say(shop, ctx, intent, text, confidence, product="mouse pad")

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params == {"action": "remove Mouse Pad from your cart"}
    assert probe.lines(shop, cart_id) == {"LA-PAD": 1, "CF-MUG": 1}
    done = say(shop, ctx, *YES)
    assert responses(done) == ["utter_removed"], done
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("swap_item", "stop the mouse pad order"),
        ("remove_item", "stop the tripod order"),
        ("cancel_anyway", "cancel my tripod order"),
        ("add_item", "cancel the mouse pad"),
    ],
)
def test_cancel_an_order_not_in_the_cart_is_the_honest_answer(
    shop, new_cart, probe, intent, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-t5-order", token)
    product = "tripod" if "tripod" in text else "mouse pad"

    replies = say(shop, ctx, intent, text, 0.9, product=product)

    # the product named and the honest answer (as s23-sub's T1 readings do)
    assert responses(replies) == ["utter_not_in_cart", "utter_cancel_order_unsupported"], replies
    assert replies[0].params == {"name": "Travel Tripod" if "tripod" in text else "Mouse Pad"}
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
    assert "utter_added" not in responses(say(shop, ctx, *YES))
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_cancel_a_product_with_a_subscription_asks_which_as_cancel_the_mugs(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, customer_ref="s23-sub", lines=[("LA-PAD", 1)])
    sub_id, _ = subscribe(shop, "care-plus", ref="s23-sub")
    ctx = ChatContext("conv-s23-t5-sub", token)

    replies = say(shop, ctx, "add_item", "cancel the mouse pad", product="mouse pad")

    assert replies[0].response == "utter_ask_cancel_what", replies
    assert replies[0].params == {"name": "Mouse Pad"}
    assert probe.lines(shop, cart_id) == {"LA-PAD": 1}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_cancel_my_subscription_is_still_the_subscription(shop, new_cart, probe) -> None:
    _, token = new_cart(shop, customer_ref="s23-sub2", lines=[("LA-PAD", 1)])
    sub_id, _ = subscribe(shop, "care-plus", ref="s23-sub2")
    ctx = ChatContext("conv-s23-t5-sub2", token)

    replies = say(shop, ctx, "cancel_subscription", "cancel my subscription")

    assert replies[0].response.startswith("utter_offer_retention"), replies
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_cancel_of_something_unnamed_is_read_as_before(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s23-t5-plain", token)

    replies = say(shop, ctx, "add_item", "stop selling me stuff")

    assert responses(replies) != [Reply("utter_cancel_order_unsupported").response]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
