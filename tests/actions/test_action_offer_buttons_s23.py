"""Issue 12 through the action server: offer buttons by id, and "hi" before "undo".

The pressed payload's ``offer_id`` entity reaches the dialogue as Rasa sends it (the tracker's
latest message); replies are checked against ``domain.yml`` (every placeholder filled).
"""

from __future__ import annotations

from actions.cart import ActionAddItem
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer, ActionSuggestAddon
from actions.support import ActionUndo
from bot.domain.offer_buttons import offer_payload

ARIA = "Aria Phone 256 GB"


def _press(chat, action, intent: str, offer_id: str):
    payload = offer_payload(intent, int(offer_id))
    return chat.run(action, text=payload, intent=intent, entities={"offer_id": offer_id})


def test_an_old_offers_buttons_never_answer_the_newer_offer(shop, cart, chat, cart_lines):
    added, _ = chat.run(ActionAddItem(), entities={"product": ARIA})
    case_id = added[-1][1]["offer_id"]
    another = "and another suggestion?"
    newer, _ = chat.run(ActionSuggestAddon(), text=another, intent="ask_suggestion")
    glass_id = newer[0][1]["offer_id"]
    assert newer[0][1]["name"] == "Glass Screen Protector" and glass_id != case_id

    declined, _ = _press(chat, ActionDeclineOffer(), "deny", case_id)

    assert declined[0][0] == "utter_offer_button_earlier_current"
    assert cart_lines(cart) == {"PH-ARIA-256": 1}

    asked, _ = _press(chat, ActionAcceptOffer(), "affirm", case_id)

    ask = {"name": "Clear Phone Case", "price": "$19.00", "buttons": ["Yes, add it", "No thanks"]}
    assert asked == [("utter_offer_button_ask_again", ask)]
    assert cart_lines(cart) == {"PH-ARIA-256": 1}  # the glass was never added

    reshown = chat.last_buttons[0]  # the case, shown again: its own new Yes
    done, _ = chat.run(ActionAcceptOffer(), text=reshown, intent="affirm",
                       entities={"offer_id": reshown.split('"')[3]})  # fmt: skip

    assert done[0][0] == "utter_added" and done[0][1]["name"] == "Clear Phone Case"
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}


def _events(*turns: tuple[str, str]) -> list[dict]:
    """``action_listen``, then per turn the user's intent and the action that answered it."""
    events: list[dict] = [{"event": "action", "name": "action_listen", "timestamp": None}]
    for intent, action in turns:
        events += [
            {"event": "user", "text": intent, "parse_data": {"intent": {"name": intent}},
             "timestamp": None},
            {"event": "action", "name": action, "timestamp": None},
            {"event": "action", "name": "action_listen", "timestamp": None},
        ]  # fmt: skip
    return events


def test_hi_before_undo_keeps_the_last_change_undoable(
    shop, cart, chat, cart_lines, make_tracker, run_action, replies
):
    chat.run(ActionAddItem(), entities={"product": "Ceramic Mug", "quantity": "2"})
    assert cart_lines(cart) == {"CF-MUG": 2}
    history = _events(("add_item", "action_add_item"), ("greet", "utter_greet"))
    history.append({"event": "user", "text": "undo", "parse_data": {"intent": {"name": "undo"}}})
    tracker = make_tracker(text="undo that", intent="undo", events=history,
                           metadata={"token": cart.token})  # fmt: skip

    messages, _ = run_action(ActionUndo(), tracker)

    assert replies(messages)[0][0] == "utter_undone"
    assert cart_lines(cart) == {}


def test_a_restart_before_undo_still_forgets_the_last_change(
    shop, cart, chat, cart_lines, make_tracker, run_action, replies
):
    chat.run(ActionAddItem(), entities={"product": "Ceramic Mug", "quantity": "2"})
    history = _events(("add_item", "action_add_item"))
    undo = {"event": "user", "text": "undo", "parse_data": {"intent": {"name": "undo"}}}
    history += [{"event": "restart"}, {"event": "action", "name": "action_session_start"},
                {"event": "session_started"}, undo]  # fmt: skip
    tracker = make_tracker(text="undo that", intent="undo", events=history,
                           metadata={"token": cart.token})  # fmt: skip

    messages, _ = run_action(ActionUndo(), tracker)

    assert replies(messages)[0][0] == "utter_nothing_to_undo"
    assert cart_lines(cart) == {"CF-MUG": 2}
