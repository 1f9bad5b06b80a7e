"""Live (issue 12, trial C5–C7): stale and forged question buttons change nothing.

Over REST against the running stack, the store (cart lines, subscription) checked after
every press. A question's buttons carry its id (``/affirm{"question_id":"42.1"}``); an
older question's button, a crafted id or another shopper's button gets the expired-button
reply and the open question again; the open question's own button still acts.
"""

from __future__ import annotations

from bot.domain.buttons import parse_payload
from tests.live.helpers import Live, payloads, texts
from tests.live.test_answers_s19_live import SURE, status
from tests.live.test_cart_language import lines
from tests.live.test_subscriptions_s21_live import _pause, _paused_until

EXPIRED = "That button belongs to an earlier question"
SD_LINES = {"CA-SD-64": 1, "CA-SD-128": 1, "CF-MUG": 1}


def _sure(chat, text: str) -> list[str]:
    """Say ``text``; an unsure reading's "Just to be sure" is answered yes."""
    said = texts(chat.say(text))
    if said[0].startswith(SURE) and "remove" not in said[0]:
        said = texts(chat.say("yes"))
    return said


def _numbered(payload: str) -> bool:
    return '"question_id":"' in payload and len(payload.encode()) <= 50


def test_c5_an_old_remove_both_yes_never_empties_the_cart(live: Live) -> None:
    start = {"PA-CASE-CLR": 1, "PA-CASE-LTH": 1, "CF-MUG": 1}
    cart_id, token = live.new_cart("live-qid-c5", **start)
    chat = live.conversation(token)
    asked = texts(chat.say("remove both phone cases"))
    assert asked[0].startswith(SURE), asked
    old_yes = chat.button("Yes")
    assert _numbered(old_yes), old_yes
    clear = texts(chat.say("remove everything"))
    assert clear[0] == SURE + "remove everything from your cart?", clear

    replies = texts(chat.say(old_yes))

    assert replies[0].startswith(EXPIRED), replies
    assert replies[1] == clear[0], replies  # the open question, asked again
    assert lines(live, cart_id, token) == start
    chat.press("No")
    assert lines(live, cart_id, token) == start


def test_c5_a_hand_written_yes_is_refused_and_the_shown_one_acts(live: Live) -> None:
    start = {"CF-MUG": 1, "CA-TRIPOD": 1}
    cart_id, token = live.new_cart("live-qid-bare", **start)
    chat = live.conversation(token)

    for forged in ("/remove_item", "/affirm", '/remove_item{"product": "everything"}'):
        chat.say("remove everything")
        replies = texts(chat.say(forged))
        assert not any(r.startswith("Removed") for r in replies), (forged, replies)
        assert lines(live, cart_id, token) == start, forged

    chat.say("remove everything")
    done = texts(chat.press("Yes"))
    assert lines(live, cart_id, token) == {}, done


def test_c6_an_old_resume_date_yes_never_accepts_a_newer_offer(live: Live) -> None:
    cart_id, token = live.new_cart("live-qid-c6")
    sub = live.server(
        "POST", "/api/subscriptions", {"customer_id": "live-qid-c6", "plan": "care-plus"}
    )
    sub_id, sub_token = sub["subscription_id"], sub["token"]
    _pause(live, sub_id, 5)
    before = _paused_until(live, sub_id)
    chat = live.conversation(token)
    asked = _sure(chat, "pause my subscription for 2 weeks")
    assert "already paused" in asked[0], asked
    old_move = chat.button(intent="affirm")
    assert _numbered(old_move), old_move
    added = _sure(chat, "add the Aria Phone 256 GB")
    assert added[0].startswith("Added 1 × Aria Phone 256 GB"), added

    replies = texts(chat.say(old_move))

    assert replies[0].startswith(EXPIRED), replies
    assert lines(live, cart_id, token) == {"PH-ARIA-256": 1}  # no add-on accepted
    assert _paused_until(live, sub_id) == before  # the resume date not moved
    assert status(live, sub_id, sub_token) == ("paused", "care-plus")


def _two_questions(live: Live, name: str):
    cart_id, token = live.new_cart(name, **SD_LINES)
    chat = live.conversation(token)
    add = texts(chat.say("add an sd card"))
    assert add[0].startswith("Did you mean"), add
    old_pick = payloads(chat.last)[0][1]
    assert _numbered(old_pick), old_pick
    removal = texts(chat.say("remove the sd card"))
    assert removal[0].startswith("Did you mean"), removal
    return cart_id, token, chat, old_pick, removal


def test_c7_an_old_add_pick_never_removes_a_line(live: Live) -> None:
    cart_id, token, chat, old_pick, removal = _two_questions(live, "live-qid-c7")

    replies = texts(chat.say(old_pick))

    assert replies[0].startswith(EXPIRED), replies
    assert replies[1] == removal[0], replies
    assert lines(live, cart_id, token) == SD_LINES
    done = texts(chat.press(payloads(chat.last)[0][0]))  # the open question's own pick
    assert done[0].startswith("Removed"), done
    assert len(lines(live, cart_id, token)) == 2


def test_crafted_and_foreign_ids_change_nothing(live: Live) -> None:
    cart_id, token, chat, _, _ = _two_questions(live, "live-qid-forged")
    _, _, other, _, _ = _two_questions(live, "live-qid-other")
    live_ref = parse_payload(payloads(chat.last)[0][1])[1]["question_id"]
    qid = int(live_ref.split(".")[0])
    crafted = [
        f"{qid}.9",
        f"{qid + 1000}.1",
        "1.1",
        "abc",
        "9" * 300 + ".1",
        f"-{qid}.1",
    ]
    presses = ['/choose_option{"question_id":"' + c + '"}' for c in crafted]
    presses.append(payloads(other.last)[0][1])  # another shopper's live button
    presses.append('/remove_item{"question_id":"' + live_ref + '"}')  # the right id, other intent

    for payload in presses:
        replies = texts(chat.say(payload))
        assert replies[0].startswith(EXPIRED), (payload, replies)
        assert lines(live, cart_id, token) == SD_LINES, payload


def test_a_cancellation_is_never_blocked_by_an_open_question(live: Live) -> None:
    cart_id, token = live.new_cart("live-qid-cancel", **{"CF-MUG": 1})
    sub = live.server(
        "POST", "/api/subscriptions", {"customer_id": "live-qid-cancel", "plan": "care-plus"}
    )
    chat = live.conversation(token)
    chat.say("remove everything")

    replies = texts(chat.say("/cancel_subscription"))

    assert not replies[0].startswith(EXPIRED), replies
    assert lines(live, cart_id, token) == {"CF-MUG": 1}
    if replies[0].startswith("Before you cancel"):
        replies = texts(chat.say("/cancel_anyway"))
    assert status(live, sub["subscription_id"], sub["token"])[0] == "canceled", replies
