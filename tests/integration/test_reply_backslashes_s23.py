"""Review s23: no reply the assistant composes shows a backslash (``\\($4.99/month\\)``).

Conversations whose replies carry the assistant's own parentheses and marks ("Which
subscription should I cancel: Care Premium ($14.99/month) or Care Plus ($9.99/month)?",
"add 3 × Travel Tripod ($177.00 in all)", "you have Care Plus ($9.99/month)") are run
through the dialogue, sent as the actions send them (``actions.common.send``, values
escaped for the channel) and rendered by Rasa's templated NLG, as a REST client gets them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa_sdk.executor import CollectingDispatcher

from actions.common import send
from bot.chat.dialogue import Turn
from bot.chat.replies import Reply
from tests.integration.test_chat_dialogue import subscribe
from tests.integration.test_chat_subscriptions_s23 import say, shopper

DOMAIN = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text(encoding="utf-8"))
CANCEL = "action_cancel_subscription"


def rendered(replies: list[Reply], channel: str) -> list[str]:
    """The texts a client on ``channel`` gets for these replies."""
    dispatcher = CollectingDispatcher()
    send(dispatcher, replies, channel)
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN["responses"])
    texts = []
    for message in dispatcher.messages:
        values = {k: v for k, v in message.items() if k not in ("response", "buttons")}
        values |= message.get("kwargs") or {}
        made = nlg.generate_from_slots(message["response"], {}, channel, **values)
        assert made is not None, message
        texts.append(made["text"])
    return texts


def _conversations(shop, new_cart) -> list[list[Reply]]:
    """Replies that carry the assistant's own "(…)", "×", "/" and "!"."""
    _, _, ctx = shopper(shop, new_cart, "bs-1", lines=(("CA-TRIPOD", 1),))
    subscribe(shop, "care-premium", ref="bs-1")
    turns = [
        Turn(CANCEL, "cancel_subscription", 0.95, "cancel my subscription"),  # which one?
        Turn("action_accept_offer", "affirm", 0.99, "the second one"),  # retention offer
        Turn(CANCEL, "cancel_subscription", 0.9, "cancel my care basic"),  # not held
        Turn("action_add_item", "add_item", 0.9, "how much would 3 tripods cost?"),
        Turn("action_change_plan", "change_plan", 0.9, "switch me to the basic plan"),
        Turn("action_change_plan", "change_plan", 0.9, "switch me to the gold plan"),
        Turn("action_remove_item", "remove_item", 0.95, "remove the tripod", {"product": "tripod"}),
        Turn("action_add_item", "add_item", 0.95, "undo that"),
        Turn("action_pause_subscription", "pause_subscription", 0.95, "pause care plus for a year"),
    ]
    return [say(shop, ctx, turn) for turn in turns]


@pytest.mark.parametrize("channel", ["rest", "socketio"])
def test_no_reply_contains_a_backslash(shop, new_cart, channel: str) -> None:
    seen = []
    for replies in _conversations(shop, new_cart):
        for text in rendered(replies, channel):
            seen.append(text)
            assert "\\" not in text, text
    joined = " ".join(seen)
    assert "Care Premium ($14.99/month) or Care Plus ($9.99/month)" in joined  # really checked
    assert "you have Care Premium ($14.99/month) and Care Plus ($9.99/month)" in joined
    assert "3 × Travel Tripod ($177.00 in all)" in joined


def test_a_catalog_name_with_markdown_is_still_escaped_for_the_web(shop) -> None:
    reply = Reply("utter_not_in_cart", {"name": "Mug *Pro* [v2](x)"})
    assert rendered([reply], "rest") == ["Mug \\*Pro\\* \\[v2\\]\\(x) isn't in your cart."]
    assert rendered([reply], "telegram") == ["Mug *Pro* [v2](x) isn't in your cart."]
