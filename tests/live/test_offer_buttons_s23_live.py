"""Live (issue 12, T11/S8): an old offer's button never answers a newer offer.

Over REST against the running stack (the trained model parses the pressed
``/affirm{"offer_id":"…"}`` payloads), the store checked after every message: an old card's
No declines nothing and its Yes adds nothing without asking; the open offer's own button
and typed answers act as before. Also: "what is it exactly?" is answered from the open
offer, and "hi" before "undo" keeps the last change undoable.
"""

from __future__ import annotations

from tests.live.helpers import Live, payloads, texts
from tests.live.test_cart_language import Shopper, lines

PHONE = {"PH-ARIA-256": 1}
CASE, GLASS = "PA-CASE-CLR", "PA-SCR-GLS"


def _offer(shopper: Shopper, text: str, name: str) -> dict[str, str]:
    """Ask for a suggestion; its ``{"yes": payload, "no": payload}``."""
    replies = shopper.chat.say(text)
    said = texts(replies)
    assert said[0].startswith(name), (text, said)
    buttons = dict(payloads(replies))
    yes, no = buttons["Yes, add it"], buttons["No thanks"]
    assert yes.startswith('/affirm{"offer_id":') and no.startswith('/deny{"offer_id":'), buttons
    return {"yes": yes, "no": no}


def test_old_offer_buttons_never_answer_the_newer_offer(live: Live) -> None:
    shopper = Shopper(live, "live-s23-offer-buttons", **PHONE)
    case = _offer(shopper, "what goes with this?", "Clear Phone Case for $19.00")
    glass = _offer(shopper, "and another suggestion?", "Glass Screen Protector for $12.00")
    assert case["yes"] != glass["yes"]

    said = shopper.says(case["no"], "That button was for an earlier suggestion", PHONE)
    assert "(Clear Phone Case)" in said[0] and "Glass Screen Protector ($12.00)" in said[0]

    shopper.says(glass["yes"], "Added 1 × Glass Screen Protector", {**PHONE, GLASS: 1})

    asked = shopper.says(case["yes"], "That button was for an earlier suggestion", {
        **PHONE, GLASS: 1
    })  # fmt: skip
    assert "shall I add Clear Phone Case ($19.00)" in asked[0], asked
    shopper.says("yes", "Added 1 × Clear Phone Case", {**PHONE, GLASS: 1, CASE: 1})

    shopper.says(glass["no"], "That button was for an earlier suggestion", {
        **PHONE, GLASS: 1, CASE: 1
    })  # fmt: skip


def test_an_old_yes_pressed_twice_adds_only_once(live: Live) -> None:
    shopper = Shopper(live, "live-s23-offer-twice", **PHONE)
    case = _offer(shopper, "what goes with this?", "Clear Phone Case")

    shopper.says(case["yes"], "Added 1 × Clear Phone Case", {**PHONE, CASE: 1})
    shopper.says(case["yes"], "That button was for an earlier suggestion", {**PHONE, CASE: 1})


def test_typed_no_still_declines_the_open_offer(live: Live) -> None:
    shopper = Shopper(live, "live-s23-offer-typed", **PHONE)
    _offer(shopper, "what goes with this?", "Clear Phone Case")

    shopper.says("no thanks", "No problem — I won't suggest Clear Phone Case again.", PHONE)


def test_what_is_it_exactly_is_answered_from_the_offer(live: Live) -> None:
    shopper = Shopper(live, "live-s23-offer-what", **PHONE)
    _offer(shopper, "what goes with this?", "Clear Phone Case")

    said = shopper.says("what is it exactly?", "Clear Phone Case is $19.00", PHONE)
    assert "I suggested it because" in said[0], said

    shopper.says("ok, add it", "Added 1 × Clear Phone Case", {**PHONE, CASE: 1})


def test_hi_before_undo_keeps_the_last_change_undoable(live: Live) -> None:
    shopper = Shopper(live, "live-s23-hi-undo")
    shopper.says("add 2 ceramic mugs", "Added 2 × Ceramic Mug", {"CF-MUG": 2})
    assert texts(shopper.chat.say("hi"))  # a greeting: small talk, nothing changes
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 2}

    shopper.says("undo", "Undone", {})
