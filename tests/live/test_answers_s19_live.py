"""Live (review s19 G1–G7, G10, G12, G13): answers to offers and questions, over REST.

Each test asserts the store after every message: unchanged while the shopper hesitates,
thanks or is asked, and changed exactly as asked once they answer. The NLU may read a
message unsure and ask "Just to be sure: …?" first; that question must then name the real
action, and its "yes" must carry it out.
"""

from __future__ import annotations

from tests.live.helpers import Live, payloads, texts
from tests.live.test_cart_language import lines
from tests.live.test_shopper_guards_live import subscribe, subscription

SURE = "Just to be sure: do you want me to "


def status(live: Live, sub_id: int, token: str) -> tuple[str, str]:
    sub = subscription(live, sub_id, token)
    return sub["status"], sub["plan"]


def retention_offer(live: Live, name: str):
    sub_id, cart_token, sub_token = subscribe(live, name)
    chat = live.conversation(cart_token)
    offer = texts(chat.say("I want to cancel my care plan"))
    if offer[0].startswith(SURE):
        offer = texts(chat.say("yes"))
    assert offer[0].startswith("Before you cancel Care Plus"), offer
    return sub_id, sub_token, chat


def test_yes_cancel_it_cancels_and_never_switches(live: Live) -> None:
    for n, text in enumerate(("yes cancel it", "yes, cancel please")):
        sub_id, token, chat = retention_offer(live, f"live-s19-g1-{n}")

        said = texts(chat.say(text))

        if said[0].startswith(SURE):
            named = {"cancel your Care Plus subscription?", "cancel your subscription?"}
            assert said[0].removeprefix(SURE) in named, said
            assert status(live, sub_id, token) == ("active", "care-plus")
            said = texts(chat.say("yes"))
        assert said[0].startswith("Your Care Plus subscription is canceled"), (text, said)
        assert status(live, sub_id, token) == ("canceled", "care-plus")


def test_hesitation_to_a_retention_offer_changes_nothing(live: Live) -> None:
    sub_id, token, chat = retention_offer(live, "live-s19-g2")
    for text in ("no wait", "hold on", "not sure", "let me think", "hmm", "I'm not sure yet"):
        replies = chat.say(text)

        assert status(live, sub_id, token) == ("active", "care-plus"), (text, texts(replies))
        assert ("Cancel anyway", "/cancel_anyway") in payloads(replies), (text, texts(replies))
    switched = texts(chat.press(intent="affirm"))  # the offer's own Yes, as shown
    assert switched[0].startswith("Done — you're on Care Basic"), switched


def test_a_newsletter_unsubscribe_never_starts_the_cancel(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s19-g3")
    chat = live.conversation(cart_token)
    for text in ("unsubscribe me from your newsletter", "stop the emails", "no"):
        said = texts(chat.say(text))

        assert not any(s.startswith("Before you cancel") for s in said), (text, said)
        assert status(live, sub_id, token) == ("active", "care-plus"), (text, said)


def test_yes_remove_them_to_a_downsell_removes(live: Live) -> None:
    cart_id, cart_token = live.new_cart("live-s19-g4", **{"AU-PULSE-STUDIO": 1})
    chat = live.conversation(cart_token)
    offer = texts(chat.say("remove the headphones, they're too expensive"))
    if offer[0].startswith(SURE):
        offer = texts(chat.say("yes"))
    assert offer[0].startswith("Before I remove Pulse Headphones Studio"), offer

    said = texts(chat.say("yes remove them"))

    if said[0].startswith(SURE):
        assert said[0] == SURE + "remove Pulse Headphones Studio from your cart?", said
        said = texts(chat.say("yes"))
    assert said[0].startswith("Removed Pulse Headphones Studio"), said
    assert lines(live, cart_id, cart_token) == {}


def test_thanks_to_an_addon_offer_adds_nothing_until_a_clear_yes(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-g5", **{"CF-BEANS-ESP": 1})
    chat = live.conversation(token)
    offer = texts(chat.say("what goes with my cart?"))
    assert offer[-1].endswith("Shall I add it?"), offer
    name = offer[-1].split(" for ")[0]

    said = texts(chat.say("ok thanks"))

    assert lines(live, cart_id, token) == {"CF-BEANS-ESP": 1}, said
    assert said[0] == f"{SURE}add {name} to your cart?", said
    added = texts(chat.say("yes please"))
    assert added[0].startswith(f"Added 1 × {name}"), added
    assert len(lines(live, cart_id, token)) == 2


def test_thanks_twice_to_an_addon_offer_adds_nothing(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-g5-twice", **{"CF-BEANS-ESP": 1})
    chat = live.conversation(token)
    offer = texts(chat.say("what goes with my cart?"))
    assert offer[-1].endswith("Shall I add it?"), offer

    said = texts(chat.say("ok thanks"))
    again = texts(chat.say("great, thanks"))  # asked again, or "You're welcome!": no change
    late = texts(chat.say("yes please"))  # the question was for the message after it only

    assert not any(s.startswith("Added") for s in said + again + late), (said, again, late)
    assert lines(live, cart_id, token) == {"CF-BEANS-ESP": 1}


def test_a_bare_quantity_during_an_addon_offer_is_asked(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-g6")
    chat = live.conversation(token)
    offer = texts(chat.say("add an aria phone 128"))
    assert offer[0].startswith("Added 1 × Aria Phone 128 GB"), offer
    assert offer[-1].endswith("Shall I add it?"), offer
    before = lines(live, cart_id, token)

    for text in ("make it 2", "add 2"):
        replies = chat.say(text)

        assert lines(live, cart_id, token) == before, (text, texts(replies))
        titles = [title for title, _ in payloads(replies)]
        assert any("Aria Phone 128 GB" in t for t in titles), (text, texts(replies), titles)
    take = payloads(replies)[0][1]
    done = texts(chat.say(take))
    assert done[0].startswith("Added 2 × "), done
    after = lines(live, cart_id, token)
    assert after["PH-ARIA-128"] == 1 and sum(after.values()) == 3


def test_yes_to_pause_for_a_month_instead_pauses(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s19-g7")
    chat = live.conversation(cart_token)
    refused = texts(chat.say("can I pause my plan for 2 months"))
    if refused[0].startswith(SURE):
        refused = texts(chat.say("yes"))
    assert "shall I pause it for a month instead?" in refused[0], refused

    said = texts(chat.say("yes"))

    assert said[0].startswith("Your Care Plus subscription is paused for a month"), said
    assert status(live, sub_id, token) == ("paused", "care-plus")


def test_no_to_pause_for_a_month_instead_keeps_it_running(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s19-g7-no")
    chat = live.conversation(cart_token)
    refused = texts(chat.say("can I pause my plan for 2 months"))
    if refused[0].startswith(SURE):
        refused = texts(chat.say("yes"))

    said = texts(chat.say("no"))

    assert said[0] == "Okay, I haven't changed anything.", said
    assert status(live, sub_id, token) == ("active", "care-plus")


def test_mugs_for_me_and_my_roommates_asks_how_many(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-g10")
    chat = live.conversation(token)

    said = texts(chat.say("add mugs for me and my 3 roommates"))

    assert said[0].startswith("How many"), said
    assert lines(live, cart_id, token) == {}
    added = texts(chat.say("4"))
    assert added[0].startswith("Added 4 × Ceramic Mug"), added
    assert lines(live, cart_id, token) == {"CF-MUG": 4}


def test_put_the_beans_back_never_removes(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-g12", **{"CF-BEANS-ESP": 1})
    chat = live.conversation(token)
    removed = texts(chat.say("remove the espresso beans"))
    if removed[0].startswith(SURE):
        removed = texts(chat.say("yes"))
    assert lines(live, cart_id, token) == {}, removed

    said = texts(chat.say("oops no, put the espresso beans back"))

    if said[0].startswith("Undone: I put Espresso Beans 1 kg back."):  # the undo, at once
        assert lines(live, cart_id, token) == {"CF-BEANS-ESP": 1}, said
        return
    assert lines(live, cart_id, token) == {}, said  # else asked first, never removed
    put_back = said[0].startswith(SURE + "add ") and "back to your cart?" in said[0]
    asked = said[0].endswith("Did you mean to add Espresso Beans 1 kg?")
    assert put_back or asked or said[0] == SURE + "undo your last cart change?", said
    added = texts(chat.say("yes"))
    assert added[0].startswith(("Added 1 × Espresso Beans 1 kg", "Undone: I put")), added
    assert lines(live, cart_id, token) == {"CF-BEANS-ESP": 1}


def test_yes_please_and_a_charger_says_something_about_the_charger(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-g13")
    chat = live.conversation(token)
    offer = texts(chat.say("add the nova lite phone"))
    assert offer[-1].endswith("Shall I add it?"), offer

    said = texts(chat.say("yes please, and a charger"))

    assert any("harger" in s for s in said), said
