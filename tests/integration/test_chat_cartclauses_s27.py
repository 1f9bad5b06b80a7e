"""Review s27: one clause reading for every cart reader (courtesy, kept lines, refusals).

F16: courtesy at a message's ends ("thx", "pls", "ty", "🙏") changes nothing in how it is
read; a verbless "2 mugs" with mugs in the cart asks "add more, or make it 2?". F41: that
question takes typed answers. F18/F47: a kept line never changes. Negation: a refused line
is asked to go, a refused option is never the pick, "don't add a tripod" stays declined.

Each message goes through ``bot.chat.dialogue.handle`` as the action server sends it: the
text as :func:`actions.common.message_turn` reads it (:func:`bot.chat.turns.typed_text`),
with the intent and entities the model would give. The store is asserted after each one.
"""

from __future__ import annotations

import pytest

from bot.chat import selling
from bot.chat.replies import ChatContext, Reply
from bot.chat.turns import typed_text
from tests.integration.test_chat_cartsafe_s21 import tell
from tests.integration.test_chat_swap_questions_s19 import say

MUGS_AND_TRIPOD = [("CF-MUG", 2), ("CA-TRIPOD", 1)]


def typed(shop, ctx: ChatContext, action: str, text: str, **entities) -> list[Reply]:
    """One message, read as ``message_turn`` and ``product_request`` read it."""
    spans = {k: typed_text(v) if k == "product" else v for k, v in entities.items()}
    return tell(shop, ctx, action, typed_text(text), **spans)


def chat(shop, new_cart, name: str, lines=()) -> tuple[int, ChatContext]:
    cart_id, token = new_cart(shop, lines=list(lines))
    return cart_id, ChatContext(f"conv-s27-{name}", token)


# --- F16: courtesy at the ends is invisible ------------------------------------------------------


@pytest.mark.parametrize(
    ("bare", "polite"),
    [
        ("2 mugs", "2 mugs thx"),
        ("2 mugs", "2 mugs pls"),
        ("3 tripods", "3 tripods ty"),
        ("2 mugs", "2 mugs plz 🙏"),
        ("two mugs", "two mugs thank u!"),
        ("add 2 mugs", "add 2 mugs please :)"),
        ("add a tripod", "pls add a tripod ty"),
    ],
)
@pytest.mark.parametrize("lines", [[], [("CF-MUG", 1), ("CA-TRIPOD", 1)]])
def test_courtesy_at_the_ends_reads_like_the_bare_request(
    shop, new_cart, probe, bare, polite, lines
) -> None:
    product = "tripods" if "tripod" in bare else "mugs"
    quantity = "3" if bare.startswith("3") else "2"
    results = []
    for n, text in enumerate((bare, polite)):
        cart_id, ctx = chat(shop, new_cart, f"polite-{n}", lines)
        replies = typed(shop, ctx, "action_add_item", text, product=product, quantity=quantity)
        results.append(([(r.response, r.params) for r in replies], probe.lines(shop, cart_id)))
    assert results[0] == results[1]


@pytest.mark.parametrize(
    ("text", "product", "action"),
    [
        ("2 mugs thx", "mugs", "action_add_item"),
        ("2 mugs pls", "mugs", "action_change_quantity"),
        ("3 tripods ty", "tripods", "action_add_item"),
        ("two mugs plz", "mugs", "action_add_item"),
        ("mugs x2 thanks!", "mugs", "action_add_item"),
        ("3 tripods 🙏", "tripods", "action_change_quantity"),
        ("2 mugs", "mugs thx", "action_add_item"),  # the model's span took the tail too
    ],
)
def test_a_verbless_count_of_a_line_in_the_cart_is_asked(
    shop, new_cart, probe, text, product, action
) -> None:
    cart_id, ctx = chat(shop, new_cart, "verbless", [("CF-MUG", 1), ("CA-TRIPOD", 1)])

    replies = typed(shop, ctx, action, text, product=product)

    assert replies[0].response == "utter_confirm_action", replies
    assert " more × " in replies[0].params["action"]
    assert " in all" in replies[0].params["action"]
    assert [title for title, _ in replies[0].buttons][2] == "No"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("2 mugs thx", "action_add_item"),
        ("2 mugs", "action_add_item"),
        ("two mugs pls", "action_add_item"),
        ("2 mugs ty", "action_change_quantity"),
        ("2 mugs plz", "action_change_quantity"),
    ],
)
def test_a_verbless_count_of_a_product_not_in_the_cart_is_an_add(
    shop, new_cart, probe, text, action
) -> None:
    cart_id, ctx = chat(shop, new_cart, "verbless-new", [("CA-TRIPOD", 1)])

    replies = typed(shop, ctx, action, text, product="mugs", quantity="2")

    if action == "action_change_quantity":  # a quantity change of nothing: asked as an add
        assert replies[0].response == "utter_confirm_action", replies
        assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}
        replies = typed(shop, ctx, "action_accept_offer", "yes")
    assert replies[0].response == "utter_added", replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 2}


# --- F41: the add-more-or-set question takes typed answers ---------------------------------------


def ask_mugs(shop, new_cart, name: str):
    cart_id, ctx = chat(shop, new_cart, name, [("CF-MUG", 1)])
    asked = typed(shop, ctx, "action_add_item", "2 mugs thx", product="mugs", quantity="2")
    assert asked[0].params["action"] == (
        "add 2 more × Ceramic Mug (3 in all), or make it 2 in all"
    ), asked
    return cart_id, ctx, asked[0]


@pytest.mark.parametrize(
    ("answer", "action", "mugs"),
    [
        ("yes", "action_accept_offer", 3),
        ("yes pls", "action_accept_offer", 3),
        ("add them", "action_add_item", 3),
        ("add 2 more", "action_add_item", 3),
        ("ok add em thx", "action_add_item", 3),
        ("yep 👍", "action_accept_offer", 3),
        ("make it 2", "action_change_quantity", 2),
        ("set it to 2", "action_change_quantity", 2),
        ("total 2", "action_change_quantity", 2),
        ("just 2", "action_change_quantity", 2),
        ("just 2 pls", "action_add_item", 2),
        ("2 in total ty", "action_change_quantity", 2),
        ("no, make it 2", "action_decline_offer", 2),
        ("not more, just 2", "action_change_quantity", 2),
        ("make it 4", "action_change_quantity", 4),
    ],
)
def test_a_typed_answer_carries_out_its_option(shop, new_cart, probe, answer, action, mugs) -> None:
    cart_id, ctx, _ = ask_mugs(shop, new_cart, "typed")

    typed(shop, ctx, action, answer)

    assert probe.lines(shop, cart_id) == {"CF-MUG": mugs}


@pytest.mark.parametrize(
    ("answer", "action"),
    [
        ("no", "action_decline_offer"),
        ("hmm", "action_add_item"),
        ("idk", "action_change_quantity"),
        ("what do you mean", "action_add_item"),
        ("nah thx", "action_decline_offer"),
        ("2", "action_change_quantity"),
    ],
)
def test_any_other_answer_changes_nothing(shop, new_cart, probe, answer, action) -> None:
    cart_id, ctx, _ = ask_mugs(shop, new_cart, "other")

    typed(shop, ctx, action, answer)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}

    typed(shop, ctx, "action_accept_offer", "yes")  # the question is gone: a later yes too
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize(("button", "mugs"), [(0, 3), (1, 2), (2, 1)])
def test_each_button_carries_out_its_option(shop, new_cart, probe, button, mugs) -> None:
    cart_id, ctx, asked = ask_mugs(shop, new_cart, "buttons")
    title, payload = asked.buttons[button]
    action = {"/add": "action_add_item", "/cha": "action_change_quantity"}.get(
        payload[:4], "action_decline_offer"
    )

    typed(shop, ctx, action, payload)

    assert probe.lines(shop, cart_id) == {"CF-MUG": mugs}, title


# --- F18 / F47: a kept line never changes --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "keep the tripod pls",
        "keep the tripod",
        "i'll keep the tripod thx",
        "ill keep the tripod",
        "the tripod stays",
        "leave the tripod plz",
        "keep tripod 🙏",
    ],
)
@pytest.mark.parametrize("action", ["action_remove_item", "action_add_item"])
def test_keep_alone_changes_nothing_and_says_it_stays(shop, new_cart, probe, text, action) -> None:
    cart_id, ctx = chat(shop, new_cart, "keep", MUGS_AND_TRIPOD)

    replies = typed(shop, ctx, action, text, product="tripod")

    assert replies == [Reply("utter_item_kept", {"name": "Travel Tripod"})]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text",
    [
        "i'll keep the tripod, ditch the mugs",
        "keep the tripod but remove the mugs pls",
        "remove the mugs and keep the tripod",
        "the tripod stays, lose the mugs",
        "ill keep the tripod, get rid of the mugs thx",
        "keep tripod, bin the mugs",
        "remove the mug not the tripod",
        "remove the mugs, not the tripod",
        "ditch the mugs not the tripod pls",
    ],
)
@pytest.mark.parametrize("product", ["tripod", "mugs"])
def test_keep_one_lose_another_removes_only_the_other(shop, new_cart, probe, text, product) -> None:
    cart_id, ctx = chat(shop, new_cart, "keep-lose", MUGS_AND_TRIPOD)

    replies = typed(shop, ctx, "action_remove_item", text, product=product)

    assert replies[0].response == "utter_removed", replies
    assert replies[0].params["name"] == "Ceramic Mug"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_keep_one_lose_another_on_an_unsure_intent_is_asked(shop, new_cart, probe) -> None:
    cart_id, ctx = chat(shop, new_cart, "keep-unsure", MUGS_AND_TRIPOD)

    asked = say(shop, ctx, "action_remove_item", "keep the tripod, ditch the mugs", 0.5)

    assert asked[0].response == "utter_confirm_action", asked
    assert "Travel Tripod" not in asked[0].params["action"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}
    typed(shop, ctx, "action_accept_offer", "yes")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text",
    [
        "keep the tripod, remove everything else",
        "keep the tripod and ditch the rest pls",
        "remove everything but keep the tripod",
        "empty my cart but keep the tripod",
        "the tripod stays, get rid of all the others",
    ],
)
def test_keep_one_lose_the_rest_is_asked_and_keeps_it(shop, new_cart, probe, text) -> None:
    lines = [("CF-MUG", 2), ("CA-TRIPOD", 1), ("PA-CBL-USBC", 1)]
    cart_id, ctx = chat(shop, new_cart, "keep-rest", lines)

    asked = typed(shop, ctx, "action_remove_item", text)

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params["action"].endswith("and keep Travel Tripod")
    assert probe.lines(shop, cart_id) == dict(lines)
    typed(shop, ctx, "action_accept_offer", "yes")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text",
    ["double the mugs, keep the tripod", "keep the tripod as is, double the mugs pls"],
)
def test_scaling_never_touches_a_kept_line(shop, new_cart, probe, text) -> None:
    cart_id, ctx = chat(shop, new_cart, "keep-scale", MUGS_AND_TRIPOD)

    typed(shop, ctx, "action_change_quantity", text)

    assert probe.lines(shop, cart_id)["CA-TRIPOD"] == 1
    assert probe.lines(shop, cart_id)["CF-MUG"] in (2, 4)


# --- Negation: a refused line is asked to go; a refused option is never picked --------------------


@pytest.mark.parametrize(
    "text",
    [
        "no mugs",
        "no more mugs",
        "i don't want the mugs",
        "i dont want the mugs anymore",
        "no mugs pls",
        "i don’t want the mugs thx",
        "no more mugs 🙅",
    ],
)
@pytest.mark.parametrize("action", ["action_remove_item", "action_add_item"])
def test_refusing_a_line_in_the_cart_asks_to_remove_it(shop, new_cart, probe, text, action) -> None:
    cart_id, ctx = chat(shop, new_cart, "no-mugs", MUGS_AND_TRIPOD)

    asked = typed(shop, ctx, action, text, product="mugs")

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params["action"] == "remove the 2 × Ceramic Mug from your cart"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}
    typed(shop, ctx, "action_accept_offer", "yes")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text", ["no mugs", "no more mugs", "i don't want the mugs", "i dont want mugs thx"]
)
@pytest.mark.parametrize("action", ["action_remove_item", "action_add_item"])
def test_refusing_a_product_not_in_the_cart_changes_nothing(
    shop, new_cart, probe, text, action
) -> None:
    cart_id, ctx = chat(shop, new_cart, "no-mugs-none", [("CA-TRIPOD", 1)])

    replies = typed(shop, ctx, action, text, product="mugs")

    assert replies, replies
    assert replies[0].response != "utter_confirm_action" or "Mug" in str(replies[0].params)
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text",
    [
        "don't add a tripod",
        "dont add a tripod pls",
        "do not add a tripod",
        "don't add the tripod thx",
        "i dont want to add a tripod",
    ],
)
@pytest.mark.parametrize("lines", [[], [("CA-TRIPOD", 1)]])
def test_dont_add_stays_declined(shop, new_cart, probe, text, lines) -> None:
    cart_id, ctx = chat(shop, new_cart, "dont-add", lines)

    replies = typed(shop, ctx, "action_add_item", text, product="tripod")

    assert replies == [Reply("utter_confirm_declined")]
    assert probe.lines(shop, cart_id) == dict(lines)


@pytest.mark.parametrize(
    ("answer", "action"),
    [
        ("not the mug, the tripod", "action_choose_option"),
        ("not the mugs, the tripod pls", "action_change_quantity"),
        ("the tripod, not the mug", "action_choose_option"),
        ("no not the mug, the tripod", "action_remove_item"),
        ("not the mug - the tripod thx", "action_change_quantity"),
    ],
)
def test_a_refused_line_is_never_the_pick_of_which_product(
    shop, new_cart, probe, answer, action
) -> None:
    cart_id, ctx = chat(shop, new_cart, "which-line", MUGS_AND_TRIPOD)
    asked = typed(shop, ctx, "action_change_quantity", "make it 3")
    assert asked[0].response == "utter_ask_product", asked

    typed(shop, ctx, action, answer, product="mug")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 3}


@pytest.mark.parametrize(
    ("answer", "kept_sku", "action"),
    [
        ("not the clear one, the leather one", "PA-CASE-CLR", "action_choose_option"),
        ("not the leather one", "PA-CASE-LTH", "action_choose_option"),
        ("the leather one, not the clear one pls", "PA-CASE-CLR", "action_remove_item"),
        ("not clear, leather", "PA-CASE-CLR", "action_choose_option"),
        ("not the leather case thx", "PA-CASE-LTH", "action_remove_item"),
    ],
)
def test_a_refused_option_of_a_did_you_mean_is_never_picked(
    shop, new_cart, probe, answer, kept_sku, action
) -> None:
    lines = [("PA-CASE-CLR", 1), ("PA-CASE-LTH", 1)]
    cart_id, ctx = chat(shop, new_cart, "dym", lines)
    asked = typed(shop, ctx, "action_remove_item", "remove the phone case", product="phone case")
    assert probe.lines(shop, cart_id) == dict(lines), asked

    typed(shop, ctx, action, answer)

    assert probe.lines(shop, cart_id) == {kept_sku: 1}


ALL_FOUR = [("CF-MUG", 2), ("CA-TRIPOD", 1), ("PA-CBL-USBC", 1), ("LA-HUB", 1)]


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("keep the usb-c cable, remove all the usb-c things", "LA-HUB"),
        ("keep the tripod, cancel the mugs", "CF-MUG"),
        ("i'll keep the tripod but ditch both mugs", "CF-MUG"),
        ("keep the hub pls, bin the cable", "PA-CBL-USBC"),
        ("the cable stays, lose the hub thx", "LA-HUB"),
    ],
)
def test_a_kept_line_survives_a_removal_of_its_neighbours(shop, new_cart, probe, text, gone):
    cart_id, ctx = chat(shop, new_cart, "neighbours", ALL_FOUR)

    typed(shop, ctx, "action_remove_item", text)

    assert probe.lines(shop, cart_id) == {sku: n for sku, n in ALL_FOUR if sku != gone}


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("keep the phone pls", "action_remove_item"),
        ("i'll keep the aria phone thx", "action_decline_offer"),
        ("the phone stays", "action_remove_item"),
        ("keep my phone 🙏", "action_accept_offer"),
    ],
)
def test_keep_with_an_add_on_offer_open_never_changes_the_line(
    shop, new_cart, probe, text, action
) -> None:
    cart_id, ctx = chat(shop, new_cart, "keep-offer", [("PH-ARIA-256", 1)])
    offered = selling.suggest_addon(shop, ctx)[-1]
    assert offered.response == "utter_offer_addon"

    typed(shop, ctx, action, text, product="phone")

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


@pytest.mark.parametrize(
    "text",
    ["keep the tripod, no mugs", "no mugs, keep the tripod pls", "keep the tripod. no mugs thx"],
)
def test_keep_one_refuse_another_asks_only_the_refused_one(shop, new_cart, probe, text) -> None:
    cart_id, ctx = chat(shop, new_cart, "keep-refuse", MUGS_AND_TRIPOD)

    asked = typed(shop, ctx, "action_remove_item", text, product="tripod")

    assert asked[0].params.get("action") == "remove the 2 × Ceramic Mug from your cart", asked
    typed(shop, ctx, "action_accept_offer", "yes")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text", ["keep the tripod", "actually keep the tripod pls", "ill keep it", "keep that one thx"]
)
def test_keep_after_a_removal_question_drops_it(shop, new_cart, probe, text) -> None:
    cart_id, ctx = chat(shop, new_cart, "keep-drop", MUGS_AND_TRIPOD)
    asked = say(shop, ctx, "action_remove_item", "remove the tripod", 0.5, product="tripod")
    assert asked[0].response == "utter_confirm_action", asked

    typed(shop, ctx, "action_remove_item", text, product="tripod")
    typed(shop, ctx, "action_accept_offer", "yes")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}
