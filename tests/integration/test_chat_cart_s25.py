"""Issue 12, s25: the shopper trial's cart findings, each run as the action server runs it.

Every test asserts the replies that matter and the cart lines in the store after the
messages (:mod:`tests.integration.s25_chat`). The bot never changes a cart on a guess:
when unsure, it asks, and the answer does exactly what was asked.
"""

from __future__ import annotations

import pytest

from bot.chat.replies import ChatContext
from tests.integration.s25_chat import responses, say

CHARGERS = ("Fast Charger 30W", "USB-C Laptop Charger 65W")


def button(name: str, entity: str = "product", intent: str = "choose_option") -> str:
    return f'/{intent}{{"{entity}": "{name}"}}'


# --- H4: a several-item add adds or asks about every item -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "add a mug + a tripod + a hub",
        "add a mug along with a tripod and a hub",
        "add a mug, a tripod & a hub",
        "add a mug together with a tripod plus a hub",
    ],
)
def test_every_joint_adds_every_item(shop, new_cart, probe, text) -> None:
    cart_id, token = new_cart(shop)
    replies = say(shop, ChatContext("s25-h4-joints", token), "add_item", text, product="mug")

    assert responses(replies) == ["utter_added_several"], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1, "LA-HUB": 1}


def test_a_later_unclear_item_waits_behind_the_first_question_and_is_asked_next(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h4-queue", token)

    first = say(shop, ctx, "add_item", "add a hub, a mouse & a pad", product="hub")

    assert responses(first) == ["utter_added_several", "utter_did_you_mean"], first
    assert "Wireless Mouse" in first[1].params["options"]
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1}
    second = say(shop, ctx, "choose_option", "the wireless one")  # the pad is asked next
    assert responses(second) == ["utter_added", "utter_did_you_mean"], second
    assert "Mouse Pad" in second[1].params["options"]
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1, "LA-MOUSE": 1}
    say(shop, ctx, "choose_option", "the mouse pad", product="mouse pad")
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1, "LA-MOUSE": 1, "LA-PAD": 1}


def test_each_waiting_item_is_asked_in_turn_with_its_own_count(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h4-two", token)

    say(shop, ctx, "add_item", "add 2 chargers, a mug and 3 phone cases", product="chargers")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
    asked = say(shop, ctx, "choose_option", "the first one")
    assert responses(asked) == ["utter_added", "utter_did_you_mean"], asked
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "PA-CHG-30W": 2}
    say(shop, ctx, "choose_option", "the leather one")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "PA-CHG-30W": 2, "PA-CASE-LTH": 3}


def test_no_to_the_first_question_asks_the_waiting_item_next(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h4-no", token)
    say(shop, ctx, "add_item", "add a hub, a mouse & a pad", product="hub")

    replies = say(shop, ctx, "deny", "no")

    assert responses(replies) == ["utter_confirm_declined", "utter_did_you_mean"], replies
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1}
    say(shop, ctx, "choose_option", "the first one")
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1, "LA-PAD": 1}


def test_a_sold_out_option_is_named_out_of_stock_without_a_button(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)  # Wireless Charging Pad is sold out in the demo shop
    replies = say(shop, ChatContext("s25-oos", token), "add_item", "add a pad", product="pad")

    assert replies[0].response == "utter_did_you_mean"
    assert "Wireless Charging Pad (out of stock)" in replies[0].params["options"]
    assert [title for title, _ in replies[0].buttons] == ["Mouse Pad"]
    assert probe.lines(shop, cart_id) == {}


# --- H5: contradictory counts; "it" after a change to several lines ----------------------


def test_two_counts_for_one_product_are_asked(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h5-counts", token)

    asked = say(shop, ctx, "add_item", "add 3 mugs x2", product="mugs", quantity="3")

    assert responses(asked) == ["utter_did_you_mean"], asked
    assert asked[0].params["options"] == "3 × Ceramic Mug or 2 × Ceramic Mug"
    assert probe.lines(shop, cart_id) == {}
    say(shop, ctx, "add_item", "3", quantity="3")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 3}


def test_two_counts_are_asked_whatever_the_model_found(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h5-no-span", token)

    asked = say(shop, ctx, "add_item", "add 3 mugs x2")  # no product span

    assert responses(asked) == ["utter_did_you_mean"], asked
    assert probe.lines(shop, cart_id) == {}


def test_two_counts_in_a_part_of_a_several_item_add_are_asked(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h5-part", token)

    asked = say(shop, ctx, "add_item", "add 3 mugs x2 and a tripod", product="mugs")

    assert responses(asked) == ["utter_added_several", "utter_did_you_mean"], asked
    assert asked[1].params["options"] == "3 × Ceramic Mug or 2 × Ceramic Mug"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}
    say(shop, ctx, "add_item", "2", quantity="2")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 2}


def test_two_counts_wait_behind_a_near_tie_and_a_tie_behind_them(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h5-queue", token)

    say(shop, ctx, "add_item", "add a charger, 3 mugs x2 and a pad", product="charger")
    asked = say(shop, ctx, "choose_option", "the first one")
    assert responses(asked) == ["utter_added", "utter_did_you_mean"], asked
    assert asked[1].params["options"] == "3 × Ceramic Mug or 2 × Ceramic Mug"
    asked = say(shop, ctx, "add_item", "3", quantity="3")
    assert responses(asked) == ["utter_added", "utter_did_you_mean"], asked
    say(shop, ctx, "choose_option", "the mouse pad", product="mouse pad")

    assert probe.lines(shop, cart_id) == {"PA-CHG-30W": 1, "CF-MUG": 3, "LA-PAD": 1}


@pytest.mark.parametrize(
    ("text", "after"),
    [("add 2 128 gb sd cards", {"CA-SD-128": 2}), ("add 2 x aria phone 128", {"PH-ARIA-128": 2})],
)
def test_a_number_of_the_name_is_no_second_count(shop, new_cart, probe, text, after) -> None:
    cart_id, token = new_cart(shop)
    say(shop, ChatContext("s25-h5-name", token), "add_item", text)

    assert probe.lines(shop, cart_id) == after


def test_the_count_button_adds_that_count(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h5-button", token)
    asked = say(shop, ctx, "add_item", "add 3 mugs x2", product="mugs", quantity="3")

    payload = asked[0].buttons[1][1]
    say(shop, ctx, "add_item", payload, product="Ceramic Mug", quantity="2")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


@pytest.mark.parametrize(
    ("intent", "text", "answer", "after"),
    [
        ("remove_item", "remove it", "the second one", {"CF-MUG": 1}),
        ("change_quantity", "double it", "the mug", {"CF-MUG": 2, "CA-TRIPOD": 1}),
        ("affirm", "double it", "the mug", {"CF-MUG": 2, "CA-TRIPOD": 1}),  # the model's
        ("change_quantity", "make it 3", "the last one", {"CF-MUG": 1, "CA-TRIPOD": 3}),
        ("remove_item", "take it out", button("Ceramic Mug"), {"CA-TRIPOD": 1}),
    ],
)
def test_it_after_a_change_to_several_lines_asks_which(
    shop, new_cart, probe, intent, text, answer, after
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h5-it", token)
    say(shop, ctx, "add_item", "add a mug and a tripod", product="mug")

    asked = say(shop, ctx, intent, text)

    assert responses(asked) == ["utter_did_you_mean"], asked
    assert [title for title, _ in asked[0].buttons] == ["Ceramic Mug", "Travel Tripod"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}
    pressed = {"product": answer.split('"')[3]} if answer.startswith("/") else {}
    say(shop, ctx, "choose_option", answer, **pressed)
    assert probe.lines(shop, cart_id) == after


def test_it_after_a_change_to_one_line_means_that_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 1)])
    ctx = ChatContext("s25-h5-one", token)
    say(shop, ctx, "add_item", "add a mug", product="mug")

    say(shop, ctx, "remove_item", "remove it")

    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


# --- H6: answers to the bot's own questions ----------------------------------------------


@pytest.mark.parametrize("answer", ["yes but only one", "ok, just 1 please"])
def test_yes_with_a_count_adds_that_count(shop, new_cart, probe, answer) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h6-yes", token)
    asked = say(shop, ctx, "add_item", "how much would 2 mugs cost?", product="mugs")
    assert asked[0].response == "utter_confirm_action", asked

    say(shop, ctx, "affirm", answer)

    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_product_named_to_which_product_completes_the_removal(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("CA-TRIPOD", 1)])
    ctx = ChatContext("s25-h6-which", token)

    asked = say(shop, ctx, "remove_item", "remove it")
    assert responses(asked) == ["utter_ask_product"], asked
    say(shop, ctx, "choose_option", "the mug", product="mug")

    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_a_product_named_to_which_product_completes_the_quantity(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("CA-TRIPOD", 1)])
    ctx = ChatContext("s25-h6-set", token)

    say(shop, ctx, "change_quantity", "make it 3", quantity="3")
    say(shop, ctx, "add_item", "the tripod", product="tripod")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 3}


@pytest.mark.parametrize(
    ("answer", "sku"), [("option 2", "LA-CHG-65W"), ("number one", "PA-CHG-30W")]
)
def test_an_option_number_picks_and_is_never_a_count(shop, new_cart, probe, answer, sku) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h6-option", token)
    say(shop, ctx, "add_item", "add a charger", product="charger")

    say(shop, ctx, "choose_option", answer, quantity=answer.split()[-1])

    assert probe.lines(shop, cart_id) == {sku: 1}


@pytest.mark.parametrize(
    ("answer", "after"),
    [
        ("the second one", {"PH-ARIA-128": 2}),
        ("the last one", {"PH-ARIA-128": 2}),
        ("the cheaper one", {"PH-ARIA-128": 1, "PA-CASE-CLR": 2}),
        ("the more expensive one", {"PH-ARIA-128": 2}),
    ],
)
def test_ordinals_and_prices_answer_the_which_line_question(
    shop, new_cart, probe, answer, after
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-h6-line", token)
    say(shop, ctx, "add_item", "add an aria phone 128", product="aria phone 128")
    asked = say(shop, ctx, "add_item", "2", quantity="2")  # the case is offered
    assert asked[0].response == "utter_confirm_action", asked

    say(shop, ctx, "choose_option", answer)

    assert probe.lines(shop, cart_id) == after


# --- slang and typos; swaps; delivery; offer questions ------------------------------------


@pytest.mark.parametrize(
    ("intent", "entities"),
    [("add_item", {}), ("add_item", {"product": "gimme trypod"}), ("nlu_fallback", {})],
)
def test_gimme_trypod_asks_did_you_mean_travel_tripod(shop, new_cart, probe, intent, entities):
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-gimme", token)

    asked = say(shop, ctx, intent, "gimme trypod", **entities)

    assert asked[0].response == "utter_unknown_product_suggest", asked
    assert "Travel Tripod" in asked[0].params["options"]
    assert probe.lines(shop, cart_id) == {}
    say(shop, ctx, "affirm", "yes")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text", ["give me a minute", "gimme the discount", "lemme get back to you"]
)
def test_slang_before_no_product_is_never_asked_back_as_an_add(shop, new_cart, probe, text):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("s25-slang-no-product", token)

    replies = say(shop, ctx, "nlu_fallback", text)

    assert all("add" not in str(reply.params.get("action", "")) for reply in replies), replies
    assert all(button[1] != "/add_item" for reply in replies for button in reply.buttons)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_swap_it_back_reverses_a_swap(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1), ("CF-MUG", 1)])
    ctx = ChatContext("s25-swap-back", token)
    say(shop, ctx, "swap_item", "I want the 128gb sd card instead", product="128gb sd card")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-SD-128": 1}

    replies = say(shop, ctx, "swap_item", "swap it back")

    assert responses(replies) == ["utter_undone"], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-SD-64": 1}


@pytest.mark.parametrize("intent", ["undo_change", "swap_item"])
def test_swap_it_back_never_reverses_another_change(shop, new_cart, probe, intent) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1), ("CF-MUG", 1)])
    ctx = ChatContext("s25-swap-back-add", token)
    say(shop, ctx, "swap_item", "I want the 128gb sd card instead", product="128gb sd card")
    say(shop, ctx, "add_item", "add 2 mugs", product="mugs")

    replies = say(shop, ctx, intent, "swap it back")

    assert responses(replies) == ["utter_no_swap_to_undo"], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 3, "CA-SD-128": 1}


def test_the_256_one_instead_with_two_families_asks_which_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1), ("PH-ARIA-128", 1)])
    ctx = ChatContext("s25-256", token)

    asked = say(shop, ctx, "swap_item", "I want the 256 one instead")

    assert responses(asked) == ["utter_swap_which_line"], asked
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1, "PH-ARIA-128": 1}
    say(shop, ctx, "choose_option", "the phone", product="phone")
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1, "PH-ARIA-256": 1}


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("show_cart", "when will it arrive?"),
        ("ask_free_shipping", "when will my order arrive?"),
        ("ask_order_status", "when does my order ship"),
        ("add_item", "how long does delivery take for the mugs?"),
    ],
)
def test_delivery_dates_get_the_honest_reply(shop, new_cart, probe, intent, text) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    replies = say(shop, ChatContext("s25-delivery", token), intent, text)

    assert responses(replies) == ["utter_ask_delivery_date"], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize(
    ("intent", "text", "response"),
    [
        ("ask_offer_detail", "does it fit my phone?", "utter_offer_fact_fits"),
        ("out_of_scope", "is it dishwasher safe?", "utter_offer_fact_unknown"),
        ("nlu_fallback", "what colour is it?", "utter_offer_fact_unknown"),
        ("nlu_fallback", "will it work with my laptop?", "utter_offer_fact_unknown"),
        ("deny", "does it fit my phone?", "utter_offer_fact_fits"),  # the model's reading
    ],
)
def test_a_question_about_the_offer_is_answered_and_it_stays_open(
    shop, new_cart, probe, intent, text, response
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("s25-offer-fact", token)
    offered = say(shop, ctx, "add_item", "add an aria phone 128", product="aria phone 128")
    assert offered[-1].response == "utter_offer_addon", offered

    replies = say(shop, ctx, intent, text)

    assert responses(replies) == [response], replies
    assert replies[0].buttons[0][1].startswith("/affirm"), replies
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 1}
    say(shop, ctx, "affirm", "ok add it")
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 1, "PA-CASE-CLR": 1}


def test_an_undo_reading_without_undo_words_is_asked_never_run(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("s25-undo-guess", token)
    say(shop, ctx, "add_item", "add a travel tripod", product="travel tripod")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}

    asked = say(shop, ctx, "undo_change", "add 2 mugs", confidence=0.9)  # a misread add

    assert responses(asked) == ["utter_confirm_action"], asked
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}  # nothing undone
    undone = say(shop, ctx, "undo_change", "oops, undo that", confidence=0.9)
    assert responses(undone) == ["utter_undone"], undone
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
