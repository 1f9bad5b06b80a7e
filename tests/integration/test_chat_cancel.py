from bot.chat.cancel import cancel_subscription, complaint, confirm_cancel, remove_too_expensive
from bot.chat.cart import add_item
from bot.chat.replies import ChatContext, Reply
from bot.chat.selling import accept_offer, decline_offer, offer_detail, suggest_addon
from bot.services.cart import create_cart
from bot.services.subscriptions import create_subscription

DOWNSELL = Reply(
    "utter_offer_downsell",
    {
        "name": "Aria Phone 128 GB",
        "price": "$699.00",
        "reason": "$100.00 less",
        "offer_id": "1",  # the conversation's first offer: its buttons name it
        "current": "Aria Phone 256 GB",
        "current_price": "$799.00",
        "difference": "$100.00",
    },
)


def removed(name: str, subtotal: str) -> Reply:
    """The reply for a removal that left the cart with ``subtotal`` (free shipping or empty)."""
    return Reply(
        "utter_removed",
        {
            "name": name,
            "subtotal": subtotal,
            "shipping": "$0.00",
            "total": subtotal,
            "threshold": "$50.00",
            "remaining": "$50.00" if subtotal == "$0.00" else "$0.00",
        },
    )


# --- downsell when removing an item that is too expensive --------------------------------


def test_first_request_offers_the_cheaper_tier(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])

    replies = remove_too_expensive(shop, ChatContext("conv-1", token), "aria phone")

    assert replies == [DOWNSELL]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    assert probe.offers(shop, "conv-1") == [("shown", "downsell", "PH-ARIA-128", True)]


def test_repeating_the_request_removes_at_once(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)

    remove_too_expensive(shop, ctx, "aria phone 256gb")
    replies = remove_too_expensive(shop, ctx, "aria phone 256gb")

    assert replies == [removed("Aria Phone 256 GB", "$0.00")]
    assert probe.lines(shop, cart_id) == {}
    assert [e[0] for e in probe.offers(shop, "conv-1")] == ["shown", "declined"]


def test_saying_no_to_the_downsell_removes_at_once(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1), ("PA-CASE-CLR", 1)])
    ctx = ChatContext("conv-1", token)
    remove_too_expensive(shop, ctx, "aria phone")

    replies = decline_offer(shop, ctx)

    assert replies == [
        Reply(
            "utter_removed",
            {
                "name": "Aria Phone 256 GB",
                "subtotal": "$19.00",
                "shipping": "$4.99",
                "total": "$23.99",
                "threshold": "$50.00",
                "remaining": "$31.00",
            },
        )
    ]
    assert probe.lines(shop, cart_id) == {"PA-CASE-CLR": 1}


def test_cancel_anyway_removes_at_once(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    remove_too_expensive(shop, ctx, "aria phone")

    replies = confirm_cancel(shop, ctx)

    assert replies == [removed("Aria Phone 256 GB", "$0.00")]
    assert probe.lines(shop, cart_id) == {}


def test_accepting_the_downsell_swaps_and_keeps_the_quantity(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 2)])
    ctx = ChatContext("conv-1", token)
    remove_too_expensive(shop, ctx, "aria phone")

    replies = accept_offer(shop, ctx)

    assert replies == [
        Reply(
            "utter_swapped",
            {
                "old_name": "Aria Phone 256 GB",
                "name": "Aria Phone 128 GB",
                "subtotal": "$1,398.00",
                "shipping": "$0.00",
                "total": "$1,398.00",
                "threshold": "$50.00",
                "remaining": "$0.00",
            },
        )
    ]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 2}
    assert probe.offers(shop, "conv-1")[-1] == ("accepted", "downsell", "PH-ARIA-128", True)


def test_upset_shopper_gets_no_downsell(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])

    replies = remove_too_expensive(shop, ChatContext("conv-1", token, upset=True), "aria phone")

    assert replies == [removed("Aria Phone 256 GB", "$0.00")]
    assert probe.lines(shop, cart_id) == {}
    assert probe.offers(shop, "conv-1") == []


def test_no_cheaper_tier_removes_at_once(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-128", 1), ("PH-NOVA-LITE", 1)])
    ctx = ChatContext("conv-1", token)

    bottom_tier = remove_too_expensive(shop, ctx, "aria phone")
    no_family = remove_too_expensive(shop, ctx, "nova lite")

    assert bottom_tier[0].response == "utter_no_downsell"
    assert bottom_tier[0].params["name"] == "Aria Phone 128 GB"
    assert no_family[0].response == "utter_no_downsell"
    assert probe.lines(shop, cart_id) == {}
    assert probe.offers(shop, "conv-1") == []


def test_declined_downsell_is_not_offered_again(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    remove_too_expensive(shop, ctx, "aria phone")
    decline_offer(shop, ctx)
    add_item(shop, ctx, "aria phone 256 gb", None)

    replies = remove_too_expensive(shop, ctx, "aria phone")

    # removed at once, without claiming there is no cheaper version
    assert replies[0].response == "utter_removed"
    assert probe.lines(shop, cart_id) == {}
    downsells = [e for e in probe.offers(shop, "conv-1") if e[1] == "downsell"]
    assert [e[0] for e in downsells] == ["shown", "declined"]


def test_remove_too_expensive_for_an_item_not_in_the_cart(shop, new_cart, store_state) -> None:
    _, token = new_cart(shop, lines=[("CF-MUG", 1)])
    before = store_state(shop)

    replies = remove_too_expensive(shop, ChatContext("conv-1", token), "aria phone 256gb")

    assert replies == [Reply("utter_not_in_cart", {"name": "Aria Phone 256 GB"})]
    assert store_state(shop) == before


# --- subscription cancellation -------------------------------------------------------------


def subscribe(shop, plan: str, ref: str = "alice") -> tuple[int, str]:
    view, token = create_subscription(shop, ref, plan)
    return view.subscription_id, token


def test_cancel_offers_the_cheaper_plan_once(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-premium")

    replies = cancel_subscription(shop, ChatContext("conv-1", token))

    assert replies == [
        Reply(
            "utter_offer_retention_plan",
            {
                "plan": "Care Plus",
                "price": "$9.99",
                "interval": "month",
                "current_plan": "Care Premium",
                "current_price": "$14.99",
                "offer_id": "1",
            },
        )
    ]
    assert probe.subscription(shop, sub_id) == ("active", "care-premium")
    assert probe.offers(shop, "conv-1") == [("shown", "retention_plan", "care-plus", True)]


def test_cheapest_plan_gets_a_pause_offer(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-basic")

    replies = cancel_subscription(shop, ChatContext("conv-1", token))

    assert replies == [
        Reply(
            "utter_offer_retention_pause",
            {"current_plan": "Care Basic", "current_price": "$4.99", "offer_id": "1"},
        )
    ]
    assert probe.offers(shop, "conv-1") == [("shown", "retention_pause", "care-basic", True)]


def test_cancel_anyway_cancels_at_once(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    cancel_subscription(shop, ctx)

    replies = confirm_cancel(shop, ctx)

    assert replies == [Reply("utter_subscription_canceled", {"plan": "Care Plus"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_repeating_the_cancel_request_cancels_at_once(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    cancel_subscription(shop, ctx)

    replies = cancel_subscription(shop, ctx)

    assert replies == [Reply("utter_subscription_canceled", {"plan": "Care Plus"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")
    assert [e[0] for e in probe.offers(shop, "conv-1")] == ["shown", "declined"]


def test_saying_no_to_the_retention_offer_cancels(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    cancel_subscription(shop, ctx)

    replies = decline_offer(shop, ctx)

    assert replies == [Reply("utter_subscription_canceled", {"plan": "Care Plus"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_accepting_the_cheaper_plan_then_cancelling_again_cancels_without_a_second_offer(
    shop, probe
) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    cancel_subscription(shop, ctx)

    switched = accept_offer(shop, ctx)
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")
    again = cancel_subscription(shop, ctx)

    assert switched == [
        Reply(
            "utter_subscription_switched",
            {"plan": "Care Basic", "price": "$4.99", "interval": "month"},
        )
    ]
    assert again == [Reply("utter_subscription_canceled", {"plan": "Care Basic"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-basic")
    retention = [e for e in probe.offers(shop, "conv-1") if e[0] == "shown"]
    assert len(retention) == 1


def test_accepting_the_pause_then_cancelling_again_cancels(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-basic")
    ctx = ChatContext("conv-1", token)
    cancel_subscription(shop, ctx)

    paused = accept_offer(shop, ctx)
    assert probe.subscription(shop, sub_id) == ("paused", "care-basic")
    again = cancel_subscription(shop, ctx)

    assert paused[0].response == "utter_subscription_paused"
    assert paused[0].params["plan"] == "Care Basic"
    assert again == [Reply("utter_subscription_canceled", {"plan": "Care Basic"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-basic")
    assert len([e for e in probe.offers(shop, "conv-1") if e[0] == "shown"]) == 1


def test_never_a_second_retention_offer_after_the_first_was_superseded(shop, probe) -> None:
    sub_id, _ = subscribe(shop, "care-premium", ref="bob")
    cart_id, token = create_cart(shop, "bob")  # grants bob's cart and his subscription
    ctx = ChatContext("conv-1", token)
    add_item(shop, ctx, "ceramic mug", None)
    cancel_subscription(shop, ctx)
    suggest_addon(shop, ctx)  # a new offer supersedes the retention offer

    replies = cancel_subscription(shop, ctx)

    assert replies == [Reply("utter_subscription_canceled", {"plan": "Care Premium"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-premium")
    kinds = [e[1] for e in probe.offers(shop, "conv-1") if e[0] == "shown"]
    assert kinds.count("retention_plan") == 1


def test_upset_subscriber_is_cancelled_without_a_retention_offer(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-premium")

    replies = cancel_subscription(shop, ChatContext("conv-1", token, upset=True))

    assert replies == [Reply("utter_subscription_canceled", {"plan": "Care Premium"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-premium")
    assert probe.offers(shop, "conv-1") == []


def test_a_retention_offer_in_another_conversation_does_not_count(shop, probe) -> None:
    _, token = subscribe(shop, "care-plus")
    cancel_subscription(shop, ChatContext("conv-1", token))

    replies = cancel_subscription(shop, ChatContext("conv-2", token))

    assert replies[0].response == "utter_offer_retention_plan"


def test_nothing_to_cancel(shop, new_cart) -> None:
    _, token = new_cart(shop)
    sub_id, sub_token = subscribe(shop, "care-plus")
    cancel_subscription(shop, ChatContext("conv-1", sub_token))
    confirm_cancel(shop, ChatContext("conv-1", sub_token))

    assert cancel_subscription(shop, ChatContext("conv-2", token)) == [
        Reply("utter_no_subscription")
    ]
    assert confirm_cancel(shop, ChatContext("conv-2", token)) == [Reply("utter_no_subscription")]
    assert cancel_subscription(shop, ChatContext("conv-1", sub_token)) == [
        Reply("utter_no_subscription")
    ]


def test_complaint_withdraws_an_open_selling_offer(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    add_item(shop, ctx, "Aria Phone 256 GB", None)

    replies = complaint(shop, ctx)

    assert replies == [Reply("utter_complaint_ack")]
    assert accept_offer(shop, ctx) == [Reply("utter_nothing_pending")]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


def test_complaint_keeps_a_pending_retention_offer(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    cancel_subscription(shop, ctx)

    complaint(shop, ctx)
    replies = confirm_cancel(shop, ctx)

    assert replies == [Reply("utter_subscription_canceled", {"plan": "Care Plus"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_cancel_flows_need_a_valid_token(shop, new_cart, store_state) -> None:
    _, token = subscribe(shop, "care-plus")
    _, cart_token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    before = store_state(shop)

    for bad in (None, "garbage", token[:-3] + "abc"):
        ctx = ChatContext("conv-1", bad)
        assert cancel_subscription(shop, ctx) == [Reply("utter_no_access")]
        assert confirm_cancel(shop, ctx) == [Reply("utter_no_access")]
        assert remove_too_expensive(shop, ctx, "aria phone") == [Reply("utter_no_access")]

    assert store_state(shop) == before


def test_pending_retention_offer_needs_the_token_to_be_carried_out(
    shop, probe, store_state
) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    _, mallory = subscribe(shop, "care-basic", ref="mallory")
    cancel_subscription(shop, ChatContext("conv-1", token))
    before = store_state(shop)

    for bad in (None, "garbage", mallory):
        ctx = ChatContext("conv-1", bad)
        assert confirm_cancel(shop, ctx) == [Reply("utter_no_access")]
        assert decline_offer(shop, ctx) == [Reply("utter_no_access")]
        assert accept_offer(shop, ctx) == [Reply("utter_no_access")]

    assert store_state(shop) == before
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_pending_downsell_needs_the_carts_token(shop, new_cart, probe, store_state) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    remove_too_expensive(shop, ChatContext("conv-1", token), "aria phone")
    before = store_state(shop)

    for bad in (None, "garbage"):
        ctx = ChatContext("conv-1", bad)
        assert confirm_cancel(shop, ctx) == [Reply("utter_no_access")]
        assert decline_offer(shop, ctx) == [Reply("utter_no_access")]
        assert accept_offer(shop, ctx) == [Reply("utter_no_access")]

    assert store_state(shop) == before
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


# --- F55: a downsell on a multi-unit line quotes the line ------------------------------


def test_downsell_on_two_units_quotes_the_line_and_its_saving(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 2)])
    ctx = ChatContext("conv-1", token)

    offer = remove_too_expensive(shop, ctx, "aria phone")
    detail = offer_detail(shop, ctx)
    accept_offer(shop, ctx)

    assert offer == [
        Reply(
            "utter_offer_downsell",
            {
                "name": "2 × Aria Phone 128 GB",
                "price": "$1,398.00",
                "reason": "$200.00 less",
                "offer_id": "1",
                "current": "2 × Aria Phone 256 GB",
                "current_price": "$1,598.00",
                "difference": "$200.00",
            },
        )
    ]
    assert detail[0].response == "utter_offer_detail_downsell"
    assert detail[0].params["difference"] == "$200.00"
    assert detail[0].params["current_price"] == "$1,598.00"
    switch = ("Switch to 2 × Aria Phone 128 GB", '/affirm{"offer_id":"1"}')  # names its offer
    assert detail[0].buttons[0] == switch
    # the saving quoted is what the swap took off: $1,598 → $1,398
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 2}


# --- F54: the cart page's "Too pricey?" link is a question, never a removal -------------

PAGE_LINK = '/remove_too_expensive{"product": "Aria Phone 256 GB"}'


def test_page_link_after_a_declined_downsell_asks_and_keeps_the_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    remove_too_expensive(shop, ctx, "aria phone", "too expensive, remove the aria phone")
    decline_offer(shop, ctx)  # "Just remove it"
    add_item(shop, ctx, "aria phone 256 gb", None)

    replies = remove_too_expensive(shop, ctx, "Aria Phone 256 GB", PAGE_LINK)

    assert replies[0].response == "utter_confirm_action"
    assert replies[0].params == {"action": "remove Aria Phone 256 GB"}
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


def test_page_link_with_no_cheaper_tier_or_upset_shopper_keeps_the_line(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-128", 1), ("PH-ARIA-256", 1)])
    link_128 = '/remove_too_expensive{"product": "Aria Phone 128 GB"}'

    bottom = remove_too_expensive(shop, ChatContext("c1", token), "Aria Phone 128 GB", link_128)
    upset = remove_too_expensive(
        shop, ChatContext("c2", token, upset=True), "Aria Phone 256 GB", PAGE_LINK
    )

    assert bottom[0].response == "utter_confirm_action"
    assert upset[0].response == "utter_confirm_action"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 1, "PH-ARIA-256": 1}


def test_page_link_twice_repeats_the_offer_and_keeps_the_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)

    first = remove_too_expensive(shop, ctx, "Aria Phone 256 GB", PAGE_LINK)
    second = remove_too_expensive(shop, ctx, "Aria Phone 256 GB", PAGE_LINK)
    typed = remove_too_expensive(shop, ctx, "aria phone", "just remove the aria phone")

    assert first == second == [DOWNSELL]
    assert typed == [removed("Aria Phone 256 GB", "$0.00")]
    assert probe.lines(shop, cart_id) == {}
