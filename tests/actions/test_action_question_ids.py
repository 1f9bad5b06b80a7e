"""Actions (issue 12, C5–C7): question buttons carry their question's id through the server.

The actions send numbered buttons (``/remove_item{"question_id":"42.1"}``); the open
question's own button runs its real request (the tracker rebuilt from it); an older
question's button, a forged id or an id-less Yes not on the last reply changes nothing and
asks the open question again. The cart is read from the store after every press.
"""

from __future__ import annotations

from actions.cart import ActionAddItem, ActionChooseOption, ActionRemoveItem
from actions.suggestions import ActionAcceptOffer
from bot.domain.buttons import parse_payload
from bot.services.cart import add_to_cart

CASES = {"PA-CASE-CLR": 1, "PA-CASE-LTH": 1, "CF-MUG": 1}
SD = {"CA-SD-64": 1, "CA-SD-128": 1, "CF-MUG": 1}
EXPIRED = ("utter_button_expired", {})


def _fill(shop, cart, lines: dict[str, int]) -> None:
    for sku, quantity in lines.items():
        add_to_cart(shop, cart.token, cart.cart_id, sku, quantity)


def _names_its_question(payload: str) -> bool:
    parsed = parse_payload(payload)
    return parsed is not None and set(parsed[1]) == {"question_id"} and len(payload) <= 50


def test_c5_the_buttons_carry_ids_and_an_old_yes_never_empties_the_cart(
    shop, chat, cart, cart_lines
) -> None:
    _fill(shop, cart, CASES)
    chat.run(ActionRemoveItem(), text="remove both phone cases", intent="remove_item",
             entities={"product": "both"})  # fmt: skip
    old_yes, old_no = chat.last_buttons
    assert _names_its_question(old_yes) and _names_its_question(old_no)
    clear, _ = chat.run(ActionRemoveItem(), text="remove everything", intent="remove_item",
                        confidence=0.95)  # fmt: skip
    assert clear[0][1]["action"] == "remove everything from your cart", clear
    assert old_yes not in chat.last_buttons  # a new question, a new id

    replies, _ = chat.run(ActionRemoveItem(), text=old_yes, intent="remove_item",
                          entities=parse_payload(old_yes)[1])  # fmt: skip

    assert replies == [EXPIRED, clear[0]], replies
    assert cart_lines(cart) == CASES
    done, _ = chat.press(ActionRemoveItem(), 0)  # the open question's own Yes acts
    assert cart_lines(cart) == {}, done


def test_c7_an_old_pick_is_refused_and_the_open_pick_removes(shop, chat, cart, cart_lines) -> None:
    _fill(shop, cart, SD)
    chat.run(ActionAddItem(), text="add an sd card", entities={"product": "sd card"})
    old_pick = chat.last_buttons[0]
    asked, _ = chat.run(ActionRemoveItem(), text="remove the sd card", intent="remove_item",
                        entities={"product": "sd card"})  # fmt: skip
    assert asked[0][0] == "utter_did_you_mean", asked

    replies, _ = chat.run(ActionChooseOption(), text=old_pick, intent="choose_option",
                          entities=parse_payload(old_pick)[1])  # fmt: skip

    assert replies == [EXPIRED, asked[0]], replies
    assert cart_lines(cart) == SD
    done, _ = chat.press(ActionChooseOption(), 0)
    assert done[0][0] == "utter_removed", done
    assert len(cart_lines(cart)) == 2


def test_forged_ids_and_a_hand_written_yes_change_nothing(shop, chat, cart, cart_lines) -> None:
    _fill(shop, cart, {"CF-MUG": 1})
    chat.run(ActionRemoveItem(), text="remove everything", intent="remove_item", confidence=0.95)
    shown = list(chat.last_buttons)
    qid = parse_payload(shown[0])[1]["question_id"].split(".")[0]

    for ref in (f"{qid}.7", f"{int(qid) + 1}.1", "x.1", "1" * 200, f"{qid}"):
        forged = '/affirm{"question_id":"' + ref + '"}'
        replies, _ = chat.run(ActionAcceptOffer(), text=forged, intent="affirm",
                              entities={"question_id": ref}, shown=shown)  # fmt: skip
        assert replies[0] == EXPIRED, (ref, replies)
        assert cart_lines(cart) == {"CF-MUG": 1}, ref
    bare, _ = chat.run(ActionAcceptOffer(), text="/affirm", intent="affirm", shown=shown)
    assert bare[0] == EXPIRED, bare
    assert cart_lines(cart) == {"CF-MUG": 1}
