"""Review s21 (S14, S29, S30, S32, S36, S22, S15, S7, S27): no subscription change on a guess.

Each turn runs as the action server runs it: words read first (``run_turn``), then the
dialogue and the predicted action's flow; a confirmed request is re-run confirmed. The NLU
readings are the reviewer's (the model read each message as a cancel or a pause). Every
test asserts the replies and the store.
"""

from __future__ import annotations

from bot.chat import cancel, cart, pause_flow, plan_change, unsupported
from bot.chat.by_text import run_turn
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from tests.integration.test_chat_dialogue import FLOWS, subscribe

CANCEL, PAUSE = "action_cancel_subscription", "action_pause_subscription"
FLOWS_S21 = {
    **FLOWS,
    PAUSE: lambda shop, ctx, t: pause_flow.pause_subscription(shop, ctx, t.text),
    "action_remove_item": lambda shop, ctx, t: cart.remove_item(
        shop, ctx, t.entities.get("product"), t.text
    ),
    "action_change_plan": lambda shop, ctx, t: plan_change.change_plan(
        shop, ctx, t.text, t.confirmed
    ),
    "action_unsupported_request": lambda shop, ctx, t: unsupported.unsupported_request(t.intent),
    "action_remove_too_expensive": lambda shop, ctx, t: cancel.remove_too_expensive(
        shop, ctx, t.entities.get("product"), t.text
    ),
}


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """One message as the action server runs it; a confirmed request is re-run confirmed."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    def flow(context: ChatContext) -> list[Reply]:
        return FLOWS_S21[turn.action](shop, context, turn)

    return run_turn(shop, ctx, turn, lambda: handle(shop, ctx, turn, flow, rerun))


def cancel_turn(text: str, confidence: float = 0.95, **entities: str) -> Turn:
    return Turn(CANCEL, "cancel_subscription", confidence, text, entities)


def yes() -> Turn:
    return Turn("action_accept_offer", "affirm", 0.99, "yes")


def _shopper(shop, new_cart, ref: str, plan: str = "care-plus", lines=(("CF-MUG", 2),)):
    cart_id, token = new_cart(shop, customer_ref=ref, lines=list(lines))
    sub_id, _ = subscribe(shop, plan, ref=ref)
    return cart_id, sub_id, ChatContext(f"conv-{ref}", token)


def _asked_plain_cancel(replies: list[Reply], plan: str = "Care Plus") -> None:
    assert replies[0].response == "utter_confirm_action", replies
    assert replies[0].params == {"action": f"cancel your {plan} subscription now"}


# --- 1. "cancel the mugs" and the second ask (S14) ----------------------------------------


def test_cancel_the_mugs_twice_asks_remove_or_cancel_and_cancels_nothing(shop, new_cart, probe):
    for n, text in enumerate(("cancel the mugs", "hmm cancel the mug", "cancel the mugs!!")):
        cart_id, sub_id, ctx = _shopper(shop, new_cart, f"s14-{n}")
        for _ in range(2):  # the reviewer's repeat: never the "second ask"
            replies = say(shop, ctx, cancel_turn(text))
            assert replies[0].response == "utter_ask_cancel_what", (text, replies)
            assert replies[0].params == {"name": "Ceramic Mug"}
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_cancel_the_tripod_after_a_retention_offer_still_asks(shop, new_cart, probe):
    cart_id, sub_id, ctx = _shopper(shop, new_cart, "s14-tripod", lines=(("CA-TRIPOD", 1),))
    assert say(shop, ctx, cancel_turn("cancel my subscription"))[0].response.startswith(
        "utter_offer_retention"
    )

    replies = say(shop, ctx, cancel_turn("cancel the tripod!!", product="tripod"))

    assert replies[0].response == "utter_ask_cancel_what", replies
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_a_second_ask_that_says_cancel_still_cancels_at_once(shop, new_cart, probe):
    _, sub_id, ctx = _shopper(shop, new_cart, "s14-real", lines=())
    say(shop, ctx, cancel_turn("cancel my subscription"))

    replies = say(shop, ctx, cancel_turn("cancel my subscription please"))

    assert replies[0].response == "utter_subscription_canceled", replies
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_a_second_ask_without_cancel_words_is_asked_back_plainly(shop, new_cart, probe):
    _, sub_id, ctx = _shopper(shop, new_cart, "s14-vague", lines=())
    say(shop, ctx, cancel_turn("cancel my subscription"))

    replies = say(shop, ctx, cancel_turn("I want out of this thing"))

    _asked_plain_cancel(replies)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    replies = say(shop, ctx, yes())
    assert replies[0].response == "utter_subscription_canceled", replies
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_a_retried_cancel_message_is_not_a_second_ask(shop, new_cart, probe):
    _, sub_id, token = (None, *subscribe(shop, "care-plus", ref="s13-retry"))
    ctx = ChatContext("conv-s13-retry", token, message_key="rt-1")
    first = say(shop, ctx, cancel_turn("cancel my subscription"))
    assert first[0].response == "utter_offer_retention_plan", first

    again = say(shop, ctx, cancel_turn("cancel my subscription"))  # the client's retry

    assert again[0].response == "utter_offer_detail_retention_plan", again
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


# --- 3. discount / payment card / renewal questions (S29, S30) -----------------------------


def test_discount_questions_on_the_plan_never_cancel(shop, new_cart, probe):
    texts = ("can I get a discount on my subscription?", "give me 20% off my plan",
             "I just want a discount on my plan", "any deal on my membership?")  # fmt: skip
    _, sub_id, ctx = _shopper(shop, new_cart, "s29", lines=())
    for text in texts * 2:  # asked twice each: never the "second ask"
        replies = say(shop, ctx, cancel_turn(text, 0.9))
        assert replies[0].response == "utter_subscription_discount_unsupported", (text, replies)
        assert replies[0].params == {"plan": "Care Plus", "contact": shop.support_contact}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, ctx.conversation_id) == []


def test_payment_card_questions_never_cancel(shop, new_cart, probe):
    texts = ("update my payment card for the subscription",
             "no, I just need to change the card my subscription is billed to",
             "update the payment card on my subscription", "change my billing details")  # fmt: skip
    _, sub_id, ctx = _shopper(shop, new_cart, "s30", lines=())
    for text in texts:
        for action, intent in (
            (CANCEL, "cancel_subscription"),
            ("action_change_plan", "change_plan"),
        ):
            replies = say(shop, ctx, Turn(action, intent, 0.9, text))
            assert replies[0].response == "utter_subscription_billing_unsupported", (text, replies)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_renewal_question_answers_the_status(shop, new_cart, probe):
    _, sub_id, ctx = _shopper(shop, new_cart, "s30-renew", lines=())
    for text in ("when does my subscription renew", "when is my next payment?"):
        replies = say(shop, ctx, cancel_turn(text, 0.8))
        assert replies[0].response == "utter_subscription_status", (text, replies)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_discount_during_the_retention_offer_is_its_discount_option_asked_first(
    shop, new_cart, probe
):
    _, sub_id, ctx = _shopper(shop, new_cart, "s29-offer", lines=())
    say(shop, ctx, cancel_turn("cancel my subscription"))

    replies = say(shop, ctx, cancel_turn("give me 20% off my plan", 0.9))

    assert replies[0].response == "utter_confirm_action", replies
    assert "cancel" not in replies[0].params["action"]
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


# --- 2. upset shoppers: no selling, still a confirmation (S32, S7, S27) --------------------


def test_an_upset_shoppers_misread_message_is_asked_never_cancelled(shop, new_cart, probe):
    _, sub_id, token = (None, *subscribe(shop, "care-plus", ref="s32"))
    ctx = ChatContext("conv-s32", token, upset=True)
    for text in ("I need to update the payment card on my subscription", "give me 20% off my plan"):
        replies = say(shop, ctx, cancel_turn(text, 0.9))
        assert replies[0].response.endswith("_unsupported"), (text, replies)
    replies = say(shop, ctx, cancel_turn("I'm done with this", 0.9))
    _asked_plain_cancel(replies)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-s32") == []  # no retention offer to an upset shopper


def test_an_upset_shoppers_cancel_in_words_cancels_without_an_offer(shop, probe):
    for n, text in enumerate(("this is ridiculous, you keep charging me. cancel my subscription",
                              "terrible service. cancel my subscription")):  # fmt: skip
        sub_id, token = subscribe(shop, "care-premium", ref=f"s7-{n}")
        ctx = ChatContext(f"conv-s7-{n}", token, upset=True)  # the cue sets it (actions)

        replies = say(shop, ctx, cancel_turn(text))

        assert replies[0].response == "utter_subscription_canceled", (text, replies)
        assert probe.subscription(shop, sub_id) == ("canceled", "care-premium")
        assert probe.offers(shop, ctx.conversation_id) == []


def test_a_complaint_with_a_cancel_placed_nowhere_is_asked_not_lost(shop, probe):
    sub_id, token = subscribe(shop, "care-premium", ref="s7-fallback")
    ctx = ChatContext("conv-s7-fallback", token, upset=True)
    turn = Turn("action_unsupported_request", "nlu_fallback", 0.3,
                "ugh this is so annoying, just cancel my plan")  # fmt: skip

    replies = say(shop, ctx, turn)

    _asked_plain_cancel(replies, "Care Premium")
    assert probe.subscription(shop, sub_id) == ("active", "care-premium")
    assert say(shop, ctx, yes())[0].response == "utter_subscription_canceled"
    assert probe.subscription(shop, sub_id) == ("canceled", "care-premium")


def test_a_complaint_with_a_removal_placed_nowhere_is_asked_not_lost(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CM-SNAP-MID", 1)])
    ctx = ChatContext("conv-s27", token, upset=True)
    turn = Turn("action_unsupported_request", "nlu_fallback", 0.3,
                "this is a total rip off, remove the camera")  # fmt: skip

    replies = say(shop, ctx, turn)

    assert replies[0].response == "utter_confirm_action", replies
    assert replies[0].params == {"action": "remove Snap Camera Mid"}
    assert probe.lines(shop, cart_id) == {"CM-SNAP-MID": 1}
    assert say(shop, ctx, yes())[0].response == "utter_removed"
    assert probe.lines(shop, cart_id) == {}


def test_an_upset_too_expensive_remark_gets_no_downsell(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CM-SNAP-MID", 1)])
    ctx = ChatContext("conv-s27b", token, upset=True)
    turn = Turn("action_remove_too_expensive", "remove_too_expensive", 0.95,
                "ugh, you guys are ridiculous. the camera is way too expensive",
                {"product": "camera"})  # fmt: skip

    replies = say(shop, ctx, turn)

    assert replies[0].response == "utter_confirm_action", replies
    assert probe.offers(shop, "conv-s27b") == []
    assert probe.lines(shop, cart_id) == {"CM-SNAP-MID": 1}


# --- 4. "put it on hold" (S36) --------------------------------------------------------------


def test_put_it_on_hold_after_an_add_asks_and_never_pauses(shop, new_cart, probe):
    for n, text in enumerate(("put it on hold please", "can you put that on hold",
                              "hold that one for me")):  # fmt: skip
        cart_id, sub_id, ctx = _shopper(shop, new_cart, f"s36-{n}", lines=())
        cart.add_item(shop, ctx, "travel tripod", None, "add a travel tripod")

        replies = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.97, text))

        assert replies[0].response == "utter_ask_pause_what", (text, replies)
        assert replies[0].params == {"plan": "Care Plus"}
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_yes_to_do_you_mean_pausing_pauses(shop, new_cart, probe):
    _, sub_id, ctx = _shopper(shop, new_cart, "s36-yes", lines=())
    cart.add_item(shop, ctx, "travel tripod", None, "add a travel tripod")
    say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.97, "put it on hold please"))

    replies = say(shop, ctx, yes())

    assert replies[0].response == "utter_subscription_paused", replies
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


def test_a_hold_without_subscription_words_is_confirmed_first(shop, probe):
    sub_id, token = subscribe(shop, "care-plus", ref="s36-freeze")
    ctx = ChatContext("conv-s36-freeze", token)

    replies = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.97, "put it on hold"))

    assert replies[0].response == "utter_confirm_action", replies
    assert replies[0].params == {"action": "pause your Care Plus subscription"}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_pause_in_subscription_words_still_pauses_at_once(shop, new_cart, probe):
    _, sub_id, ctx = _shopper(shop, new_cart, "s36-words", lines=())
    cart.add_item(shop, ctx, "travel tripod", None, "add a travel tripod")

    replies = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.97, "put my subscription on hold"))

    assert replies[0].response == "utter_subscription_paused", replies
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


# --- 5. a stale "Cancel anyway" (S22) -------------------------------------------------------


def _stale_cancel_anyway() -> Turn:
    return Turn("action_confirm_cancel", "cancel_anyway", 1.0, "/cancel_anyway", button_shown=False)


def test_a_stale_cancel_anyway_after_a_switch_is_asked_back(shop, probe):
    sub_id, token = subscribe(shop, "care-plus", ref="s22")
    ctx = ChatContext("conv-s22", token)
    say(shop, ctx, cancel_turn("cancel my subscription"))
    switched = say(
        shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "ok switch me to care basic")
    )
    assert switched[0].response == "utter_subscription_switched", switched

    replies = say(shop, ctx, _stale_cancel_anyway())

    _asked_plain_cancel(replies, "Care Basic")
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")
    assert say(shop, ctx, Turn("action_decline_offer", "deny", 1.0, "/deny"))[0].response == (
        "utter_confirm_declined"
    )
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_cancel_anyway_while_the_offer_is_open_cancels_at_once(shop, probe):
    sub_id, token = subscribe(shop, "care-plus", ref="s22-open")
    ctx = ChatContext("conv-s22-open", token)
    say(shop, ctx, cancel_turn("cancel my subscription"))

    replies = say(shop, ctx, Turn("action_confirm_cancel", "cancel_anyway", 1.0, "/cancel_anyway"))

    assert replies[0].response == "utter_subscription_canceled", replies
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


# --- 6. a named plan during the retention offer (S15) ---------------------------------------


def test_a_named_plan_during_the_offer_is_asked_back_never_the_offered_one(shop, probe):
    texts = ("switch me to care basic", "can you switch me to care basic instead?")
    for n, text in enumerate(texts):
        sub_id, token = subscribe(shop, "care-premium", ref=f"s15-{n}")
        ctx = ChatContext(f"conv-s15-{n}", token)
        offer = say(shop, ctx, cancel_turn("cancel my subscription"))
        assert offer[0].params["plan"] == "Care Plus", offer

        for action, intent in (
            ("action_accept_offer", "affirm"),
            ("action_swap_item", "swap_item"),
        ):
            FLOWS_S21.setdefault("action_swap_item", lambda s, c, t: [Reply("utter_default")])
            replies = say(shop, ctx, Turn(action, intent, 0.9, text))
            assert replies[0].response == "utter_confirm_action", (text, replies)
            assert "to Care Basic at $4.99/month" in replies[0].params["action"]
            assert probe.subscription(shop, sub_id) == ("active", "care-premium")

        replies = say(shop, ctx, yes())

        assert replies[0].response == "utter_subscription_switched", replies
        assert probe.subscription(shop, sub_id) == ("active", "care-basic")
