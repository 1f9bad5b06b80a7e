"""The actions as the action server loads and calls them (``rasa run actions``)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import ActionExecutor

from actions.common import FlowAction

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"
DOMAIN_ACTIONS = {
    "action_session_start",
    "action_show_cart",
    "action_free_shipping_gap",
    "action_suggest_addon",
    "action_add_item",
    "action_remove_item",
    "action_change_quantity",
    "action_suggest_upgrade",
    "action_remove_too_expensive",
    "action_accept_offer",
    "action_decline_offer",
    "action_cancel_subscription",
    "action_confirm_cancel",
    "action_checkout",
    "action_handle_complaint",
    "action_unsupported_request",
    "action_core_fallback",
    "action_link_account",
    "action_choose_option",
    "action_offer_detail",
    "action_pause_subscription",
    "action_swap_item",
    "action_goodbye",
    "action_handoff",
    "action_undo",
    "action_change_plan",
}


@pytest.fixture
def executor():
    executor = ActionExecutor()
    executor.register_package("actions")  # what the action server does at start-up
    return executor


def test_the_server_registers_exactly_the_domain_actions(executor):
    from_domain = yaml.safe_load(DOMAIN_FILE.read_text("utf-8"))

    assert set(from_domain["actions"]) == DOMAIN_ACTIONS
    # Only ours: the scan also sees Action subclasses other test modules may define.
    ours = {
        name
        for name, run in executor.actions.items()
        if type(run.__self__).__module__.split(".")[0] == "actions"
    }
    assert ours == DOMAIN_ACTIONS


def test_the_flow_base_class_is_not_an_action_of_its_own():
    with pytest.raises(TypeError):
        FlowAction()  # abstract: the server's package scan must skip it


def test_one_call_through_the_server_as_json(executor, cart, make_tracker, cart_lines):
    tracker = make_tracker(
        text="add two clear phone cases",
        entities={"product": "clear phone case", "quantity": "two"},
        slots={"product": "clear phone case", "quantity": "two"},
        metadata={"token": cart.token},
    )
    call = json.loads(
        json.dumps(
            {
                "next_action": "action_add_item",
                "sender_id": "conv-1",
                "tracker": tracker.current_state(),
                "domain": {},
                "version": "3.6.21",
            }
        )
    )

    answer = json.loads(json.dumps(asyncio.run(executor.run(call))))

    # no token is ever put in a slot; no product or quantity outlives the message
    assert answer["events"] == [SlotSet("product", None), SlotSet("quantity", None)]
    [response] = answer["responses"]
    assert response["response"] == "utter_added"
    assert {k: response[k] for k in ("name", "quantity", "subtotal")} == {
        "name": "Clear Phone Case",
        "quantity": "2",
        "subtotal": "$38.00",
    }
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


class _UttersWithoutValues:
    """Not an ``Action`` subclass on purpose: the server's package scan must not see it."""

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_added", name="Clear Phone Case")
        return []


def test_the_harness_rejects_a_response_missing_template_values(make_tracker, run_action):
    with pytest.raises(AssertionError, match=r"missing template values \['quantity', 'subtotal'\]"):
        run_action(_UttersWithoutValues(), make_tracker())
