"""Review s20 (G6, G12, G25, G27, G29, G30, two cancel/pause phrasings) through ``handle``.

Each test drives the dialogue as the action server would and asserts the replies and the
store: unchanged until the shopper picks or confirms, then changed exactly as asked.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.chat import cancel, cart
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from bot.services.subscriptions import resume_subscription
from bot.store.pending import PendingChoiceRepository
from bot.store.tables import SubscriptionRow
from tests.integration.test_chat_answers_s19 import PAUSE
from tests.integration.test_chat_dialogue import FLOWS, subscribe

_OWN_FLOWS = {  # this module's own, never written into the shared FLOWS
    "action_choose_option": lambda shop, ctx, t: cart.choose_option(
        shop, ctx, t.entities.get("product"), t.text
    ),
    "action_remove_too_expensive": lambda shop, ctx, t: cancel.remove_too_expensive(
        shop, ctx, t.entities.get("product"), t.text
    ),
}
CANCEL = "action_cancel_subscription"


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """Run one message as the action server does: a confirmed request is re-run confirmed."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    flows = {**FLOWS, **_OWN_FLOWS}
    return handle(shop, ctx, turn, lambda c: flows[turn.action](shop, c, turn), rerun)


def pending(shop, conversation: str = "conv-1"):
    with shop.session_factory.begin() as session:
        return PendingChoiceRepository(session).peek(conversation, timedelta(hours=1))


def phone_with_offer(shop, new_cart, probe) -> tuple[int, ChatContext, str, dict[str, int]]:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add an aria phone 128",
                        {"product": "aria phone 128"}))  # fmt: skip
    offers = probe.offers(shop, "conv-1")
    assert offers and offers[-1][0] == "shown"
    return cart_id, ctx, offers[-1][2], probe.lines(shop, cart_id)


# --- G6: the which-line question is the pending question ----------------------------------


def test_which_line_question_is_stored_and_yes_picks_nothing(shop, new_cart, probe) -> None:
    cart_id, ctx, offered_sku, before = phone_with_offer(shop, new_cart, probe)
    asked = say(shop, ctx, Turn("action_change_quantity", "change_quantity", 0.95, "2",
                                {"quantity": "2"}))  # fmt: skip
    assert asked[0].response == "utter_confirm_action"
    question = pending(shop)
    assert question is not None and question.question == "which_line"
    assert question.detail == "2" and question.options[1] == ("line", "Aria Phone 128 GB")

    again = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.98, "yes"))

    assert again[0].response == "utter_which_one"
    assert [b[0] for b in again[0].buttons] == [b[0] for b in asked[0].buttons]
    assert probe.lines(shop, cart_id) == before
    assert pending(shop).question == "which_line"


@pytest.mark.parametrize("answer", ["the offered one", "the first", "the case", "the first one"])
def test_a_typed_answer_naming_the_offer_adds_it(shop, new_cart, probe, answer) -> None:
    cart_id, ctx, offered_sku, before = phone_with_offer(shop, new_cart, probe)
    say(shop, ctx, Turn("action_change_quantity", "change_quantity", 0.95, "2", {"quantity": "2"}))

    done = say(shop, ctx, Turn("action_choose_option", "choose_option", 0.9, answer))

    assert done[0].response == "utter_added", (answer, done)
    assert probe.lines(shop, cart_id) == {**before, offered_sku: 2}
    assert pending(shop) is None or pending(shop).question != "which_line"


@pytest.mark.parametrize("answer", ["the second", "the phone", "the aria phone", "mine"])
def test_a_typed_answer_naming_the_line_sets_it(shop, new_cart, probe, answer) -> None:
    cart_id, ctx, offered_sku, before = phone_with_offer(shop, new_cart, probe)
    say(shop, ctx, Turn("action_change_quantity", "change_quantity", 0.95, "2", {"quantity": "2"}))

    done = say(shop, ctx, Turn("action_choose_option", "choose_option", 0.9, answer))

    assert done[0].response in ("utter_quantity_changed", "utter_quantity_updated"), done
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 2}


def test_no_to_the_which_line_question_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, ctx, _, before = phone_with_offer(shop, new_cart, probe)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add 2", {"quantity": "2"}))

    said = say(shop, ctx, Turn("action_decline_offer", "deny", 0.95, "no"))

    assert said[0].response == "utter_confirm_declined"
    assert probe.lines(shop, cart_id) == before
    assert pending(shop) is None


# --- G12: a removal confirmation names the product ----------------------------------------


@pytest.mark.parametrize("words", ["that item", "the thing", "the last one", "that product"])
def test_an_unsure_removal_names_the_product_and_yes_removes_it(
    shop, new_cart, probe, words
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.99, "add a mug", {"product": "mug"}))

    asked = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.5, f"remove {words}",
                                {"product": words}))  # fmt: skip

    assert asked[0].params == {"action": "remove Ceramic Mug"}
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, "CF-MUG": 1}
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert done[0].response == "utter_removed" and done[0].params["name"] == "Ceramic Mug"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


def test_a_removal_with_nothing_to_name_asks_which_product(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    for words in ("that item", "the thing", "the one i added"):
        asked = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.5, f"remove {words}",
                                    {"product": words}))  # fmt: skip

        assert [r.response for r in asked] == ["utter_ask_product"], words
        assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


# --- G25: an add's did-you-mean answer always completes the add ---------------------------


@pytest.mark.parametrize(
    ("action", "intent", "text"),
    [
        ("action_remove_item", "remove_item", "not that, the 256"),
        ("action_remove_item", "remove_item", "the second one"),
        ("action_remove_item", "remove_item", "256 please"),
        ("action_decline_offer", "deny", "not that, the 256 one"),
        ("action_decline_offer", "deny", "not the first, the second"),
        ("action_remove_too_expensive", "remove_too_expensive", "not the 128, the 256"),
        ("action_swap_item", "swap_item", "not the 128, the 256"),
    ],
)
def test_a_did_you_mean_answer_adds_the_pick(shop, new_cart, probe, action, intent, text) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    asked = say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add an aria phone",
                                {"product": "aria phone"}))  # fmt: skip
    assert asked[0].response == "utter_did_you_mean"

    done = say(shop, ctx, Turn(action, intent, 0.9, text))

    assert done[0].response == "utter_added", (text, done)
    assert done[0].params["name"] == "Aria Phone 256 GB"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


def test_a_real_removal_while_a_did_you_mean_waits_is_not_an_add(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add an aria phone",
                        {"product": "aria phone"}))  # fmt: skip

    done = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.99, "remove the mug",
                               {"product": "mug"}))  # fmt: skip

    assert done[0].response == "utter_removed"
    assert probe.lines(shop, cart_id) == {}


# --- G27: "stop" alone --------------------------------------------------------------------


def test_stop_with_nothing_pending_asks_what_and_changes_nothing(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    for text in ("stop", "please stop", "stop it"):
        said = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.9, text))

        assert said[0].response == "utter_ask_stop_what", (text, said)
        assert said[0].buttons == (("Cancel my subscription", "/cancel_subscription"),)
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        assert probe.offers(shop, "conv-1") == []


def test_stop_during_a_retention_offer_keeps_the_subscription(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.99, "cancel my subscription"))

    said = say(shop, ctx, Turn("action_confirm_cancel", "cancel_anyway", 0.9, "stop"))

    assert said[0].response == "utter_subscription_kept"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1")[-1][0] == "kept"


def test_stop_to_a_confirmation_drops_it(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_remove_item", "remove_item", 0.5, "remove the mug",
                        {"product": "mug"}))  # fmt: skip

    said = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.9, "stop"))

    assert said[0].response == "utter_confirm_declined"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
    assert pending(shop) is None


# --- G29: resume --------------------------------------------------------------------------


def paused(shop, probe) -> tuple[int, ChatContext]:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    said = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.99, "pause my subscription"))
    assert said[0].response == "utter_subscription_paused"
    return sub_id, ctx


@pytest.mark.parametrize(
    "text", ["resume my subscription", "unpause it", "start my deliveries again"]
)
def test_resume_is_asked_first_then_resumes(shop, probe, text) -> None:
    sub_id, ctx = paused(shop, probe)

    asked = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.8, text))

    assert asked[0].response == "utter_confirm_action"
    assert asked[0].params["action"].startswith("resume your Care Plus subscription now ($")
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.97, "yes"))
    assert done[0].response == "utter_subscription_resumed"
    assert done[0].params["plan"] == "Care Plus"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    with shop.session_factory.begin() as session:
        assert session.get(SubscriptionRow, sub_id).paused_until is None


def test_no_to_resume_keeps_it_paused(shop, probe) -> None:
    sub_id, ctx = paused(shop, probe)
    say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.8, "unpause it"))

    said = say(shop, ctx, Turn("action_decline_offer", "deny", 0.97, "no"))

    assert said[0].response == "utter_confirm_declined"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


def test_resume_of_an_active_subscription_says_so_and_changes_nothing(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)

    said = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.9, "resume my subscription"))

    assert said[0].response == "utter_subscription_not_paused"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1") == []


def test_the_resume_service_is_one_change(shop, probe) -> None:
    sub_id, ctx = paused(shop, probe)
    view, resumed = resume_subscription(shop, ctx.token)
    assert resumed and view.status == "active" and view.paused_until is None
    view, resumed = resume_subscription(shop, ctx.token)
    assert not resumed and probe.subscription(shop, sub_id) == ("active", "care-plus")


# --- G30: status --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["is my subscription active?", "what's my subscription status", "am I subscribed?"]
)
def test_status_is_answered_never_asked_as_a_cancel(shop, probe, text) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)

    said = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.9, text))

    assert said[0].response == "utter_subscription_status", (text, said)
    assert said[0].params["plan"] == "Care Plus" and said[0].params["state"] == "active"
    assert said[0].params["price"].startswith("$") and said[0].params["interval"] == "month"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1") == [] and pending(shop) is None


def test_status_of_a_paused_subscription_says_paused(shop, probe) -> None:
    sub_id, ctx = paused(shop, probe)

    said = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.9, "is my plan still active"))

    assert said[0].params["state"].startswith("paused until ")
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


# --- "cancel my monthly delivery", "not cancel, just pause" -------------------------------


def test_cancel_my_monthly_delivery_is_the_subscription_cancel(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)

    offer = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.95, "cancel my monthly delivery"))

    assert offer[0].response.startswith("utter_offer_retention")
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    done = say(shop, ctx, Turn("action_confirm_cancel", "cancel_anyway", 1.0, "/cancel_anyway"))
    assert done[0].response == "utter_subscription_canceled"
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


@pytest.mark.parametrize(
    "text", ["not cancel, just pause", "I don't want to cancel, just pause it"]
)
def test_not_cancel_just_pause_is_asked_as_a_pause(shop, probe, text) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)

    asked = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.9, text))

    assert asked[0].response == "utter_confirm_action"
    assert asked[0].params["action"].startswith("pause your Care Plus subscription for a month")
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.97, "yes"))
    assert done[0].response == "utter_subscription_paused"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


def test_add_n_then_the_line_adds_n_more_of_it(shop, new_cart, probe) -> None:
    cart_id, ctx, offered_sku, before = phone_with_offer(shop, new_cart, probe)
    asked = say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add 2", {"quantity": "2"}))
    assert asked[0].params["action"].endswith("or 2 more × Aria Phone 128 GB")

    done = say(shop, ctx, Turn("action_choose_option", "choose_option", 0.9, "the phone"))

    assert done[0].response in ("utter_added", "utter_added_more"), done
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 3}
