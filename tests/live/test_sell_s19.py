"""Live (REST, running stack, store asserted): a person asked for, plan changes without a
cancel, undo, markdown characters in names, and the API's limits.

The phrasings are the tester's own. Replies that name the shop's contact, an undo or a plan
question need the model trained with this branch's domain (``make model``); the store
assertions hold with any model, because the actions also read these requests by their words.
"""

from __future__ import annotations

import re

from bot.domain.matching import MAX_CART_LINES
from bot.services.imports import import_products
from bot.store.offers import OfferRepository
from tests.live.helpers import Live, http, texts


def offer_events(live: Live, conversation_id: str) -> list[tuple[str, str]]:
    with live.shop.session_factory.begin() as session:
        return [(r.event, r.sku) for r in OfferRepository(session).events(conversation_id)]


def cart_lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


# --- 1. asking for a person: an honest answer, and no unsolicited offer afterwards ------


def test_after_asking_for_a_person_nothing_is_offered_unasked(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-human")
    chat = live.conversation(token)

    handoff = chat.say("please let me talk to a person")
    chat.say("add the Aria Phone 256 GB")  # a main item: normally an offer moment
    chat.say("add the Snap Camera Entry")
    checkout = chat.say("I'd like to check out now")
    assert all("Shall I add it?" not in text for text in texts(checkout))
    assert cart_lines(live, cart_id, token) == {"PH-ARIA-256": 1, "CM-SNAP-ENT": 1}
    assert offer_events(live, chat.sender) == []
    # The wording needs this branch's model (an older one answers with its own handoff text).
    assert texts(handoff) == [
        "I can't connect you to a person from this chat, but our team can help: "
        "support@example.com. Your cart stays as it is, and I won't suggest anything else."
    ]


def test_an_open_offer_is_withdrawn_when_a_person_is_asked_for(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-agent")
    chat = live.conversation(token)

    chat.say("add the Aria Phone 128 GB")
    assert offer_events(live, chat.sender) == [("shown", "PA-CASE-CLR")]
    replies = chat.say("agent")
    assert "support@example.com" in " ".join(texts(replies))
    assert offer_events(live, chat.sender) == [
        ("shown", "PA-CASE-CLR"),
        ("superseded", "PA-CASE-CLR"),
    ]
    chat.say("yes")  # the withdrawn offer is not taken
    assert cart_lines(live, cart_id, token) == {"PH-ARIA-128": 1}


# --- 2. a plan change without a cancel ---------------------------------------------------


def subscribe(live: Live, customer: str) -> tuple[str, int]:
    _, token = live.new_cart(customer)
    created = live.server(
        "POST", "/api/subscriptions", {"customer_id": customer, "plan": "care-plus"}
    )
    return token, created["subscription_id"]


def plan_of(live: Live, token: str, subscription_id: int) -> tuple[str, str]:
    body = live.api("GET", f"/api/subscriptions/{subscription_id}", token=token)
    return body["status"], body["plan"]


def test_switch_to_the_basic_plan_is_confirmed_with_the_difference_first(live: Live) -> None:
    token, sub = subscribe(live, "live-s19-plan")
    chat = live.conversation(token)

    replies = chat.say("switch me to the basic plan")
    assert texts(replies) == [
        "Just to be sure: do you want me to switch you from Care Plus at $9.99/month to "
        "Care Basic at $4.99/month, $5.00 a month less?"
    ]
    assert plan_of(live, token, sub) == ("active", "care-plus")
    replies = chat.say("yes")
    assert texts(replies) == ["Done — you're on Care Basic at $4.99/month from now on."]
    assert plan_of(live, token, sub) == ("active", "care-basic")
    assert offer_events(live, chat.sender) == []  # no retention offer, no cancel


def test_a_cheaper_plan_question_then_no_and_an_unknown_plan_change_nothing(live: Live) -> None:
    token, sub = subscribe(live, "live-s19-plan-no")
    chat = live.conversation(token)

    replies = chat.say("can I move to a cheaper plan?")
    assert "to Care Basic at $4.99/month, $5.00 a month less?" in texts(replies)[0]
    chat.say("no")
    assert plan_of(live, token, sub) == ("active", "care-plus")
    replies = chat.say("change my plan to the gold one please")
    assert not any(text.startswith("Done") for text in texts(replies))
    chat.say("yes")
    assert plan_of(live, token, sub) == ("active", "care-plus")


# --- 3. undo -----------------------------------------------------------------------------


def test_undo_reverses_only_the_last_change_once(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-undo", **{"CA-TRIPOD": 1})
    chat = live.conversation(token)

    replies = chat.say("undo that")  # the tripod came from the cart page, not this chat
    assert cart_lines(live, cart_id, token) == {"CA-TRIPOD": 1}
    chat.say("add 2 mugs")
    assert cart_lines(live, cart_id, token) == {"CA-TRIPOD": 1, "CF-MUG": 2}
    replies = chat.say("oops, undo that")
    assert cart_lines(live, cart_id, token) == {"CA-TRIPOD": 1}
    chat.say("undo")
    assert cart_lines(live, cart_id, token) == {"CA-TRIPOD": 1}  # nothing older is undone
    # The wording needs this branch's model (utter_undone is a new response).
    assert texts(replies) == ["Undone: I took 2 × Ceramic Mug back out. Subtotal: $59.00."]


def test_put_it_back_after_a_removal_and_undo_after_a_swap(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-putback", **{"CA-TRIPOD": 1, "CA-SD-64": 2})
    chat = live.conversation(token)

    chat.say("remove the tripod")
    assert cart_lines(live, cart_id, token) == {"CA-SD-64": 2}
    chat.say("put it back")
    assert cart_lines(live, cart_id, token) == {"CA-SD-64": 2, "CA-TRIPOD": 1}
    chat.say("I want the 128gb sd card instead")
    assert cart_lines(live, cart_id, token) == {"CA-SD-128": 2, "CA-TRIPOD": 1}
    chat.say("undo that please")
    assert cart_lines(live, cart_id, token) == {"CA-SD-64": 2, "CA-TRIPOD": 1}


# --- 4. markdown characters in names; import summary --------------------------------------


def test_a_name_with_markdown_characters_is_kept_and_shown_literally(live: Live) -> None:
    rows = [(2, {"sku": "S19-MD-1", "name": "Zorbly Mug *Pro* [v2]", "category": "coffee",
                 "price": "9.50", "stock": "20"}),
            (3, {"sku": "S19-MD-1", "name": "Zorbly Mug *Pro* [v2]", "category": "coffee",
                 "price": "9.50", "stock": "20"})]  # fmt: skip
    report = import_products(live.shop, rows)
    assert (report.added, report.duplicates) == (1, 1)
    listed = live.api("GET", "/api/products")["products"]
    assert {p["sku"]: p["name"] for p in listed}["S19-MD-1"] == "Zorbly Mug *Pro* [v2]"
    cart_id, token = live.new_cart("live-s19-markdown")
    chat = live.conversation(token)

    replies = chat.say("add a zorbly mug pro v2")
    assert cart_lines(live, cart_id, token) == {"S19-MD-1": 1}
    text = texts(replies)[0]
    assert "Zorbly Mug \\*Pro\\* \\[v2\\]" in text  # escaped for the Markdown renderer
    assert "Zorbly Mug *Pro* [v2]" in re.sub(r"\\(.)", r"\1", text)  # shown literally


# --- 5. the API's limits -----------------------------------------------------------------


def test_the_api_names_its_limits(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-limits")
    lines = f"{live.stack.shop_url}/api/carts/{cart_id}/lines"
    status, body = http("POST", lines, {"sku": "CF-MUG" + "X" * 80}, token)
    assert (status, body) == (400, {"error": "'sku' must be at most 64 characters (got 86)"})
    rows = [
        (n + 2, {"sku": f"S19-LIM-{n:03d}", "name": f"Limit Widget {n:03d}",
                 "category": "test", "price": "1.00", "stock": "50"})
        for n in range(MAX_CART_LINES + 1)
    ]  # fmt: skip
    import_products(live.shop, rows)
    for _, row in rows[:MAX_CART_LINES]:
        assert http("POST", lines, {"sku": row["sku"]}, token)[0] == 200
    status, body = http("POST", lines, {"sku": rows[-1][1]["sku"]}, token)
    assert status == 409
    assert body == {"error": f"a cart holds at most {MAX_CART_LINES} different products; "
                             "remove one to add another"}  # fmt: skip
    assert len(cart_lines(live, cart_id, token)) == MAX_CART_LINES
