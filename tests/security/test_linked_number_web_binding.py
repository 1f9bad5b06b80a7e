"""A REST sender pre-bound to a phone number loses it when the owner links (review s21 S20).

The reviewer's sequence: an attacker binds the victim's phone number as a REST sender id
with their own cart token; the victim then links that number over SMS. From then on no
web message enters that conversation (whatever grant it carries): it cannot answer the
victim's open offer, read their focus or see their conversation state, and the victim's
own answer still works.
"""

from __future__ import annotations

from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import Twilio
from tests.live.helpers import Live, http, texts

NO_ACCESS = (
    "I can't see your cart or account from this chat. Please open the chat from your cart "
    "page so I can help with it."
)


def rest(live: Live, sender: str, text: str, token: str) -> tuple[int, list[str]]:
    body = {"sender": sender, "message": text, "metadata": {"token": token}}
    status, replies = http("POST", live.stack.rest_url, body)
    return status, texts(replies) if isinstance(replies, list) else []


def lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def test_a_web_binding_before_the_link_never_speaks_for_the_linked_user(
    secure: Live, platform_fake: FakePlatform
) -> None:
    sms = Twilio(f"http://127.0.0.1:{secure.stack.rasa_port}", platform_fake)
    phone = sms.new_user()
    _, attacker = secure.new_cart("att3-s20")
    status, said = rest(secure, phone, "what's in my cart", attacker)
    assert status == 200 and said != [NO_ACCESS]  # not linked yet: an ordinary web chat

    cart_id, token = secure.new_cart("vic3-s20")
    code = secure.api("POST", f"/api/carts/{cart_id}/link-codes", token=token)["command"]
    assert sms.say(phone, code)[0].text.startswith("You're linked")
    offer = sms.say(phone, "add a snap camera mid")
    assert lines(secure, cart_id, token) == {"CM-SNAP-MID": 1}
    assert len(offer) == 2 and "Shall I add it?" in offer[1].text, [m.text for m in offer]

    for text in ("yes", "what's in my cart", "what goes with my cart?", "remove it"):
        assert rest(secure, phone, text, attacker) == (200, [NO_ACCESS]), text
    assert lines(secure, cart_id, token) == {"CM-SNAP-MID": 1}

    accepted = sms.say(phone, "1")  # the victim's own "Yes, add it" still answers the offer
    assert accepted[0].text.startswith("Added 1 ×"), [m.text for m in accepted]
    assert len(lines(secure, cart_id, token)) == 2
