"""Live: cancellation is always one turn away; tokens guard every cart and account."""

from __future__ import annotations

from tests.live.helpers import Live, http, payloads, shaped, texts


def subscribe(live: Live, customer: str, plan: str = "care-plus") -> tuple[int, str, str]:
    """A cart and a subscription for one customer: (subscription id, cart token, sub token)."""
    cart = live.server("POST", "/api/carts", {"customer_id": customer})
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": plan})
    return sub["subscription_id"], cart["token"], sub["token"]


def status_of(live: Live, sub_id: int, token: str) -> str:
    return live.api("GET", f"/api/subscriptions/{sub_id}", token=token)["status"]


def test_cancel_anyway_button_cancels_at_once(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-cancel-button")
    chat = live.conversation(cart_token)

    offer = chat.say("I want to cancel my subscription")
    assert texts(offer) == [
        "Before you cancel Care Plus ($9.99/month): you could switch to Care Basic for "
        "$4.99/month. Or cancel right away."
    ]
    assert ("Cancel anyway", "/cancel_anyway") in payloads(offer)
    assert status_of(live, sub_id, sub_token) == "active"

    done = chat.say("/cancel_anyway")
    assert texts(done) == ["Your Care Plus subscription is canceled. You won't be charged again."]
    assert status_of(live, sub_id, sub_token) == "canceled"


def test_repeating_the_cancel_request_cancels_at_once(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-cancel-repeat", "care-basic")
    chat = live.conversation(cart_token)

    offer = chat.say("cancel my subscription")
    assert texts(offer)[0].startswith("Before you cancel Care Basic: you could pause it")
    done = chat.say("cancel my subscription")
    assert texts(done) == ["Your Care Basic subscription is canceled. You won't be charged again."]
    assert status_of(live, sub_id, sub_token) == "canceled"


def test_declining_the_retention_offer_cancels(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-cancel-no", "care-premium")
    chat = live.conversation(cart_token)

    chat.say("please cancel my plan")
    assert texts(chat.say("no")) == [
        "Your Care Premium subscription is canceled. You won't be charged again."
    ]
    assert status_of(live, sub_id, sub_token) == "canceled"


def test_accepting_the_retention_offer_switches_plan(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-cancel-keep", "care-premium")
    chat = live.conversation(cart_token)

    chat.say("cancel my subscription")
    assert texts(chat.say("yes")) == ["Done — you're on Care Plus at $9.99/month from now on."]
    sub = live.api("GET", f"/api/subscriptions/{sub_id}", token=sub_token)
    assert (sub["status"], sub["plan"], sub["price"]) == ("active", "care-plus", "9.99")


def test_too_expensive_downsell_then_remove(live: Live) -> None:
    cart_id, token = live.new_cart("live-downsell", **{"CM-SNAP-MID": 1})
    chat = live.conversation(token)

    offer = chat.say("remove the snap camera mid, it's too expensive")
    assert texts(offer) == [
        "Before I remove Snap Camera Mid ($799.00): Snap Camera Entry is $449.00, $350.00 less. "
        "Switch to it instead?"
    ]
    assert ("Just remove it", "/deny{offer}") in shaped(offer)
    remove = dict(payloads(offer))["Just remove it"]  # the offer's own button (issue 12)
    assert texts(chat.say(remove)) == ["Removed Snap Camera Mid. Subtotal: $0.00."]
    assert live.api("GET", f"/api/carts/{cart_id}", token=token)["lines"] == []


def test_forged_or_missing_token_gets_no_data(live: Live) -> None:
    cart_id, token = live.new_cart("live-victim", **{"PH-ARIA-512": 1})
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for sent in (forged, None):
        chat = live.conversation(sent)
        replies = chat.say("what's in my cart?")
        assert texts(replies) == [
            "I can't see your cart or account from this chat. Please open the chat from your "
            "cart page so I can help with it."
        ]
        assert "Aria" not in " ".join(texts(replies))
    status, body = http("GET", f"{live.stack.shop_url}/api/carts/{cart_id}", token=forged)
    assert status == 401 and "error" in body


def test_small_talk_and_fallback(live: Live) -> None:
    chat = live.conversation()
    assert texts(chat.say("hi there"))[0].startswith("Hi! I can show your cart")
    assert texts(chat.say("are you a bot?"))[0].startswith("I'm a bot")
    assert texts(chat.say("what's the weather like in Paris?"))[0].startswith(
        "I can only help with your cart"
    )


KEEPING = [
    "no, I'll keep it",
    "no i'll stay on care plus",
    "nah leave it as it is",
    "no, keep my plan please",
    "i think i'll keep my plan",
    "actually never mind",
    "hmm no, I changed my mind",
    "no thanks, I'll stick with what I have",
]


def test_saying_you_keep_the_plan_never_cancels_it(live: Live) -> None:
    """Every way of keeping the plan leaves it active; the way out stays one turn away."""
    for n, text in enumerate(KEEPING):
        sub_id, cart_token, sub_token = subscribe(live, f"live-keep-{n}")
        chat = live.conversation(cart_token)
        chat.say("cancel my subscription")

        reply = chat.say(text)

        assert status_of(live, sub_id, sub_token) == "active", (text, texts(reply))
        assert reply, text  # never a silent turn
        if payloads(reply):  # asked back: its No button must keep the plan too
            assert ("No", "/deny{question}") in shaped(reply)
            assert all(not p.startswith("/deny") for title, p in payloads(reply) if title == "Yes")
            chat.press("No")
            assert status_of(live, sub_id, sub_token) == "active", text
    done = chat.say("cancel my subscription")
    assert status_of(live, sub_id, sub_token) == "canceled", texts(done)


def test_a_question_about_the_pause_never_pauses(live: Live) -> None:
    """Questions about the offered pause are answered; the subscription stays active."""
    for n, text in enumerate(
        ["is the pause free?", "does pausing cost anything", "how long is the pause?"]
    ):
        sub_id, cart_token, sub_token = subscribe(live, f"live-pause-q-{n}", "care-basic")
        chat = live.conversation(cart_token)
        assert texts(chat.say("i want to cancel"))[0].startswith("Before you cancel Care Basic")

        reply = chat.say(text)

        assert reply, text
        assert status_of(live, sub_id, sub_token) == "active", (text, texts(reply))


def test_payload_entities_of_any_json_type_get_a_reply(live: Live) -> None:
    """Typed payloads with numbers, nulls, lists: an answer every time, no change on junk."""
    cart_id, token = live.new_cart("live-json-entities")
    chat = live.conversation(token)
    for payload in (
        '/add_item{"product": {"x": 1}}',
        '/add_item{"product": null}',
        '/remove_item{"product": 5}',
        '/add_item{"product": ["a", "b"], "quantity": 2}',
    ):
        reply = chat.say(payload)
        assert reply and "went wrong" not in " ".join(texts(reply)), (payload, texts(reply))
    assert live.api("GET", f"/api/carts/{cart_id}", token=token)["lines"] == []
    # a payload no reply offered is asked back first (review s20 R9), then carried out
    asked = texts(chat.say('/add_item{"product": "Ceramic Mug", "quantity": 2}'))
    assert asked[0].startswith("Just to be sure"), asked
    assert live.api("GET", f"/api/carts/{cart_id}", token=token)["lines"] == []
    chat.say("yes")
    lines = live.api("GET", f"/api/carts/{cart_id}", token=token)["lines"]
    assert [(line["sku"], line["quantity"]) for line in lines] == [("CF-MUG", 2)]


def test_cancel_that_after_adding_a_product_never_cancels_the_plan(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-cancel-that")
    chat = live.conversation(cart_token)
    chat.say("add the aria phone 256gb")

    asked = chat.say("cancel that")
    correction = chat.say("no, i meant the phone")

    assert status_of(live, sub_id, sub_token) == "active", (texts(asked), texts(correction))
    assert ("Cancel my subscription", "/cancel_subscription") in payloads(asked), texts(asked)
