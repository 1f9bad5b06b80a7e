"""Issue 12, trial C5–C7: a question's buttons name it; a stale or forged press changes nothing.

Each turn runs as the action server runs it: a pressed payload is read against the open
question first (``read_press``: its own button becomes the real payload), then words,
the dialogue and the predicted action's flow; the replies' question buttons are numbered
(``run_turn``). Every test asserts the store (cart lines, subscription, open offer) after
the press.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from bot.chat.by_text import run_turn
from bot.chat.dialogue import Turn, handle
from bot.chat.question_presses import read_press
from bot.chat.replies import ChatContext, Reply
from bot.domain.buttons import parse_payload
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.tables import AskedQuestionRow, PendingChoiceRow
from tests.integration.test_chat_cart_s23 import ACTIONS as CART_ACTIONS
from tests.integration.test_chat_cart_s23 import FLOWS as CART_FLOWS
from tests.integration.test_chat_pause_answers_s23 import in_days, paused_until
from tests.integration.test_chat_subscriptions_s23 import FLOWS_S23, shopper

FLOWS = {**FLOWS_S23, **CART_FLOWS}
ACTIONS = {**CART_ACTIONS, "pause_subscription": "action_pause_subscription"}
EXPIRED = "utter_button_expired"
SD_LINES = [("CA-SD-64", 1), ("CA-SD-128", 1), ("CF-MUG", 1)]


class Chat:
    """One conversation; remembers the buttons of the last reply (the live ones)."""

    def __init__(self, shop, ctx: ChatContext) -> None:
        self.shop, self.ctx = shop, ctx
        self.shown: list[str] = []

    def say(self, intent: str, text: str, confidence: float = 0.99, **entities) -> list[Reply]:
        return self._run(Turn(ACTIONS[intent], intent, confidence, text, entities))

    def press(self, payload: str) -> list[Reply]:
        """Press ``payload`` as Rasa hands a button over (shown or not: the chat checks)."""
        parsed = parse_payload(payload)
        assert parsed is not None, payload
        intent, entities = parsed
        shown = payload in self.shown
        return self._run(Turn(ACTIONS[intent], intent, 1.0, payload, entities, button_shown=shown))

    def button(self, title: str) -> str:
        return dict(self.titles)[title]

    def _run(self, turn: Turn) -> list[Reply]:
        replies = _turn(self.shop, self.ctx, turn)
        self.titles = [b for reply in replies for b in reply.buttons]
        self.shown = [payload for _, payload in self.titles]
        return replies


def _turn(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return _turn(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    def dialogue() -> list[Reply]:
        pressed = read_press(shop, ctx, turn)  # as actions.common.FlowAction.dialogue
        if isinstance(pressed, list):
            return pressed
        return handle(shop, ctx, pressed, lambda c: FLOWS[pressed.action](shop, c, pressed), rerun)

    return run_turn(shop, ctx, turn, dialogue)


def _responses(replies: list[Reply]) -> list[str]:
    return [reply.response for reply in replies]


def _open_offer(probe, shop, ctx: ChatContext) -> list[tuple[str, str, str, bool]]:
    return [o for o in probe.offers(shop, ctx.conversation_id) if o[0] == "shown"]


# --- C5: an old "remove both" Yes while "clear my cart?" is asked ----------------------------


def test_c5_an_old_remove_both_yes_never_empties_the_cart(shop, new_cart, probe) -> None:
    lines = [("PA-CASE-CLR", 1), ("PA-CASE-LTH", 1), ("CF-MUG", 1)]
    cart_id, token = new_cart(shop, lines=lines)
    chat = Chat(shop, ChatContext("conv-c5", token))
    asked = chat.say("remove_item", "remove both phone cases", product="both")
    assert _responses(asked) == ["utter_confirm_action"], asked
    old_yes = chat.button("Yes")
    assert '"question_id"' in old_yes and len(old_yes.encode()) <= 50
    clear = chat.say("remove_item", "remove everything", 0.95)
    assert clear[0].params == {"action": "remove everything from your cart"}, clear

    replies = chat.press(old_yes)

    assert _responses(replies) == [EXPIRED, "utter_confirm_action"], replies
    assert replies[1].params == clear[0].params  # the open question, asked again
    assert probe.lines(shop, cart_id) == dict(lines)
    chat.say("deny", "no")
    assert probe.lines(shop, cart_id) == dict(lines)


def test_c5_a_bare_yes_payload_not_shown_is_refused_though_it_matches(
    shop, new_cart, probe
) -> None:
    """The confirmation's Yes check accepted any payload matching the pending request."""
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1), ("CA-TRIPOD", 1)])
    chat = Chat(shop, ChatContext("conv-c5-bare", token))

    for forged in ("/remove_item", "/affirm", '/remove_item{"product": "everything"}'):
        chat.say("remove_item", "remove everything", 0.95)
        replies = chat.press(forged)
        assert "utter_removed" not in _responses(replies), (forged, replies)
        assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}, forged

    chat.say("remove_item", "remove everything", 0.95)
    chat.press(chat.button("Yes"))  # the button shown now still acts
    assert probe.lines(shop, cart_id) == {}


# --- C6: an old resume-date "/affirm" while an add-on offer is open --------------------------


def test_c6_an_old_resume_date_yes_never_accepts_a_newer_offer(shop, new_cart, probe) -> None:
    cart_id, sub_id, ctx = shopper(shop, new_cart, "c6", lines=())
    chat = Chat(shop, ctx)
    chat.say("pause_subscription", "pause it for 2 weeks", 0.95)
    asked = chat.say("pause_subscription", "pause it for 3 weeks", 0.95)
    assert _responses(asked) == ["utter_pause_already"], asked
    old_move = chat.shown[0]
    added = chat.say("add_item", "add the Aria Phone 256 GB", product="Aria Phone 256 GB")
    assert added[-1].response == "utter_offer_addon", added
    offers = _open_offer(probe, shop, ctx)

    replies = chat.press(old_move)

    assert replies[0].response == EXPIRED, replies
    assert replies[1].response.startswith("utter_offer"), replies  # the open offer again
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}  # nothing added
    assert paused_until(shop, sub_id) == in_days(14)  # the resume date not moved
    assert _open_offer(probe, shop, ctx) == offers  # the offer is still open, unanswered
    assert probe.offers(shop, ctx.conversation_id)[-1][0] == "shown"


# --- C7: an old add-question pick at a later removal question -------------------------------


def _two_questions(shop, new_cart, name: str):
    """An SD-card did-you-mean to add, then one to remove: (cart id, chat, old pick)."""
    cart_id, token = new_cart(shop, lines=SD_LINES)
    chat = Chat(shop, ChatContext(f"conv-{name}", token))
    add = chat.say("add_item", "add an sd card", product="sd card")
    assert _responses(add)[0] == "utter_did_you_mean", add
    old_pick = chat.shown[0]
    removal = chat.say("remove_item", "remove the sd card", product="sd card")
    assert _responses(removal)[0] == "utter_did_you_mean", removal
    return cart_id, chat, old_pick


def test_c7_an_old_add_pick_never_removes_a_line(shop, new_cart, probe) -> None:
    cart_id, chat, old_pick = _two_questions(shop, new_cart, "c7")

    replies = chat.press(old_pick)

    assert _responses(replies) == [EXPIRED, "utter_did_you_mean"], replies
    assert probe.lines(shop, cart_id) == dict(SD_LINES)
    done = chat.press(chat.shown[0])  # the open question's own pick still acts
    assert _responses(done)[0] == "utter_removed", done
    assert len(probe.lines(shop, cart_id)) == 2


@pytest.mark.parametrize(
    "crafted",
    [
        "{qid}.9",  # no such button
        "{next}.1",  # a question not asked yet
        "1.1",  # the first question ever: someone else's or long gone
        "0.1",
        "-{qid}.1",
        "{qid}",
        "abc",
        "9" * 400 + ".1",
        "{qid}.1; DROP TABLE carts",
        "",
    ],
)
def test_crafted_question_ids_change_nothing(shop, new_cart, probe, crafted: str) -> None:
    cart_id, chat, _ = _two_questions(shop, new_cart, "crafted")
    qid = int(parse_payload(chat.shown[0])[1]["question_id"].split(".")[0])
    value = crafted.format(qid=qid, next=qid + 1)
    payload = '/choose_option{"question_id": "' + value + '"}'

    replies = chat.press(payload)

    assert replies[0].response == EXPIRED, replies
    assert probe.lines(shop, cart_id) == dict(SD_LINES)
    with shop.session_factory() as session:  # the question is still open, unchanged
        assert PendingChoiceRepository(session).peek(
            chat.ctx.conversation_id, in_days(1) - in_days(0)
        )


def test_a_button_pressed_under_another_intent_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, chat, _ = _two_questions(shop, new_cart, "intent")
    ref = parse_payload(chat.shown[0])[1]["question_id"]

    replies = chat.press('/remove_item{"question_id":"' + ref + '"}')

    assert replies[0].response == EXPIRED, replies
    assert probe.lines(shop, cart_id) == dict(SD_LINES)


def test_another_conversations_open_question_id_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, chat, _ = _two_questions(shop, new_cart, "mine")
    _, other, _ = _two_questions(shop, new_cart, "theirs")

    replies = chat.press(other.shown[0])  # the other shopper's live button, pressed here

    assert replies[0].response == EXPIRED, replies
    assert probe.lines(shop, cart_id) == dict(SD_LINES)


def test_an_id_less_pick_not_shown_is_refused_while_a_question_is_open(
    shop, new_cart, probe
) -> None:
    cart_id, chat, _ = _two_questions(shop, new_cart, "bare")

    replies = chat.press('/choose_option{"product": "64 GB SD Card"}')

    assert _responses(replies) == [EXPIRED, "utter_did_you_mean"], replies
    assert probe.lines(shop, cart_id) == dict(SD_LINES)


# --- ids are never reused ----------------------------------------------------------------------


def test_question_ids_are_never_reused_even_after_deletion(shop) -> None:
    question = PendingQuestion("add_item", (("CF-MUG", "Ceramic Mug"),))
    with shop.session_factory.begin() as session:
        first = PendingChoiceRepository(session).ask("conv-reuse", question)
        second = PendingChoiceRepository(session).ask("conv-reuse", question)
    with shop.session_factory.begin() as session:  # the newest id's rows are gone
        session.execute(delete(AskedQuestionRow).where(AskedQuestionRow.id == second))
        session.execute(delete(PendingChoiceRow))
    with shop.session_factory.begin() as session:
        third = PendingChoiceRepository(session).ask("conv-reuse", question)
        stored = session.scalars(select(PendingChoiceRow.question_id)).all()

    assert first < second < third
    assert stored == [third]


def test_an_old_id_of_the_same_question_asked_again_expires(shop, new_cart, probe) -> None:
    cart_id, chat, _ = _two_questions(shop, new_cart, "again")
    before = chat.shown[0]
    chat.say("remove_item", "remove the sd card", product="sd card")  # asked anew: a new id
    assert chat.shown[0] != before

    replies = chat.press(before)

    assert replies[0].response == EXPIRED, replies
    assert probe.lines(shop, cart_id) == dict(SD_LINES)
