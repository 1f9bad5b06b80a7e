"""Live (REST): a swap's questions kept pending, answers to a choice, corrections, named confirms.

Against the running stack, asserting the store (cart lines through the API, the pending
question in the shop store): a swap's "Did you mean …?" has buttons and its answer completes
the swap; a swap's "How many?" takes a bare number; an unclear answer keeps the question;
"neither, thanks" drops it; "the other one" picks what is left; a corrected swap or number
uses the last one; a confirmation names its product. Nothing changes on a guess.
"""

from __future__ import annotations

from bot.chat.products import PENDING_MAX_AGE
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from tests.live.helpers import Conversation, Live, payloads, texts


def cart_lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def pending(live: Live, chat: Conversation) -> PendingQuestion | None:
    with live.shop.session_factory.begin() as session:
        return PendingChoiceRepository(session).peek(chat.sender, PENDING_MAX_AGE)


def test_a_misspelt_swap_target_is_a_pending_question_and_yes_completes_the_swap(
    live: Live,
) -> None:
    cart_id, token = live.new_cart("live-s19-swap-typo", **{"CF-MUG": 1})
    chat = live.conversation(token)

    asked = chat.say("swap the mug for the tropid")
    question = pending(live, chat)
    before = cart_lines(live, cart_id, token)
    done = chat.say("yes")

    assert "Travel Tripod" in texts(asked)[0], asked
    assert payloads(asked), "the swap's did-you-mean has buttons"
    assert question is not None and question.question == "swap_new"
    assert before == {"CF-MUG": 1}
    assert texts(done)[0].startswith("Swapped Ceramic Mug for 1 × Travel Tripod."), done
    assert cart_lines(live, cart_id, token) == {"CA-TRIPOD": 1}
    assert pending(live, chat) is None


def test_a_swap_did_you_mean_answered_by_its_button_and_by_an_ordinal(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-swap-buttons", **{"CF-MUG": 1, "CA-BAG": 1})
    chat = live.conversation(token)

    asked = chat.say("swap the mug for an sd card")
    buttons = dict(payloads(asked))
    pressed = chat.say(buttons["128 GB SD Card"])
    asked_again = chat.say("replace the bag with an aria phone")
    unclear = chat.say("the aria phone")  # fits every option: asked again, still pending
    still = pending(live, chat)
    first = chat.say("the first one")

    assert texts(asked)[0].startswith("Did you mean"), asked
    assert texts(pressed)[0].startswith("Swapped Ceramic Mug for 1 × 128 GB SD Card."), pressed
    assert texts(asked_again)[0].startswith("Did you mean Aria Phone"), asked_again
    assert texts(unclear)[0].startswith("Did you mean Aria Phone"), unclear
    assert still is not None and still.question == "swap_new"
    first_name = payloads(unclear)[0][0]
    assert texts(first)[0].startswith(f"Swapped Camera Shoulder Bag for 1 × {first_name}."), first
    lines = cart_lines(live, cart_id, token)
    assert lines.pop("CA-SD-128") == 1 and list(lines.values()) == [1]
    assert next(iter(lines)).startswith("PH-ARIA-")


def test_a_swaps_how_many_takes_a_bare_number(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-swap-how-many", **{"CF-MUG": 3})
    chat = live.conversation(token)

    asked = chat.say("swap the mugs for the travel tripod")
    question = pending(live, chat)
    done = chat.say("2")

    assert texts(asked) == ["How many Travel Tripod would you like?"], asked
    assert question is not None and question.question == "swap_quantity"
    assert texts(done)[0].startswith("Swapped Ceramic Mug for 2 × Travel Tripod."), done
    assert cart_lines(live, cart_id, token) == {"CA-TRIPOD": 2}


def test_none_of_them_drops_the_swap_question_and_the_other_one_picks_what_is_left(
    live: Live,
) -> None:
    cart_id, token = live.new_cart("live-s19-none", **{"CA-SD-64": 1, "PH-ARIA-128": 1})
    chat = live.conversation(token)

    chat.say("swap the 64gb sd card for a tropid")
    dropped = chat.say("nope, none of them")
    after_none = (cart_lines(live, cart_id, token), pending(live, chat))
    which = chat.say("I'd rather have the 256 gb one instead")
    sold_out = chat.say("the sd card")
    other = chat.say("the other one then")

    assert texts(dropped)[0] == "Okay, I haven't changed anything.", dropped
    assert after_none == ({"CA-SD-64": 1, "PH-ARIA-128": 1}, None)
    assert texts(which)[0].startswith("Which item in your cart should"), which
    assert payloads(which), "which line: a button per line"
    assert "out of stock" in texts(sold_out)[0].lower(), sold_out
    assert texts(other)[0].startswith("Swapped Aria Phone 128 GB for 1 × Aria Phone 256 GB."), other
    assert cart_lines(live, cart_id, token) == {"CA-SD-64": 1, "PH-ARIA-256": 1}


def test_neither_thanks_drops_the_question(live: Live) -> None:
    """Needs a model trained with ``data/nlu/phrasings_s19.yml`` ("neither, thanks" was thank)."""
    cart_id, token = live.new_cart("live-s19-neither", **{"CF-MUG": 1})
    chat = live.conversation(token)

    chat.say("swap the mug for an sd card")
    dropped = chat.say("neither, thanks")

    assert texts(dropped)[0] == "Okay, I haven't changed anything.", dropped
    assert pending(live, chat) is None
    assert cart_lines(live, cart_id, token) == {"CF-MUG": 1}


def test_corrections_inside_swaps_and_quantity_changes_use_the_last_words(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-corrections", **{"CF-MUG": 1})
    chat = live.conversation(token)

    quantity = chat.say("make it 3, no 2 mugs")
    after_quantity = cart_lines(live, cart_id, token)
    swapped = chat.say("swap the mugs for the tripod, actually the camera bag")
    how_many = chat.say("2")

    assert after_quantity == {"CF-MUG": 2}, quantity
    assert texts(swapped) == ["How many Camera Shoulder Bag would you like?"], swapped
    assert texts(how_many)[0].startswith("Swapped Ceramic Mug for 2 × Camera Shoulder Bag.")
    assert cart_lines(live, cart_id, token) == {"CA-BAG": 2}


def test_a_confirmation_names_the_product_never_that(live: Live) -> None:
    cart_id, token = live.new_cart("live-s19-named-confirm")
    chat = live.conversation(token)

    chat.say("add a usb-c cable")
    asked = chat.say("should I remove it?")  # unsure: asked back, naming the product
    done = chat.say(payloads(asked)[0][1]) if payloads(asked) else []

    assert texts(asked)[0].startswith("Just to be sure"), asked
    assert "USB-C Cable 1m" in texts(asked)[0] and " that?" not in texts(asked)[0]
    assert texts(done)[0].startswith("Removed USB-C Cable 1m"), done
    assert cart_lines(live, cart_id, token) == {}
