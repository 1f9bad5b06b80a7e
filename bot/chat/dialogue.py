"""The pending question, read first: every message is matched against it before its action.

One pending question per conversation: a confirmation ("Do you want me to add 2 × Mug?")
or a did-you-mean in :class:`bot.store.pending.PendingChoiceRepository`, or an open offer
(add-on, upgrade, downsell, retention) in ``offer_events``. :func:`handle` runs for every
action (``actions.common.FlowAction``):

1. A pending confirmation: "yes" carries out the stored request, "no" drops it, anything
   else drops it and goes on.
2. An open offer: the message is read against it (:func:`bot.domain.dialogue.read_answer`):
   accept, decline, a question about it (answered, the offer stays open), or another
   retention option. A clearly different request supersedes it.
3. A state change on an unsure intent (:data:`bot.domain.dialogue.CONFIDENCE_THRESHOLDS`)
   is asked back as a yes/no confirmation instead of run.
4. While a retention offer is open, the turn runs with selling muted: nothing is sold
   during a cancellation.
"""

from __future__ import annotations

from dataclasses import replace

from bot.chat import (
    add_or_set,
    cancel,
    cart,
    cart_clauses,
    corrections,
    offer_answers,
    subscription_safety,
)
from bot.chat.action_kinds import ANSWERS as _ANSWERS
from bot.chat.action_kinds import CANCELLING as _CANCELLING
from bot.chat.action_kinds import EXIT_KINDS as _EXIT_KINDS
from bot.chat.action_kinds import SCALING as _SCALING
from bot.chat.action_kinds import SELLING as _SELLING
from bot.chat.action_kinds import STATE_CHANGING as STATE_CHANGING
from bot.chat.action_kinds import SUPERSEDING as SUPERSEDING
from bot.chat.answer_guards import (
    accepted_and_named,
    another_suggestion,
    unplaced_add,
    wrong_action,
)
from bot.chat.both_lines import remove_both
from bot.chat.cart_answers import answer_quantity, scale_line
from bot.chat.common import replies_on_error
from bot.chat.confirm import CONFIRM as CONFIRM
from bot.chat.confirm import NO_PAYLOAD as NO_PAYLOAD
from bot.chat.confirm import ask_again, carried_values
from bot.chat.first_reading import first_reading
from bot.chat.intent_guards import reread
from bot.chat.message_guards import (
    accepted_and_more,
    accepted_with_count,
    bulk_removal,
    declined_and_more,
    not_a_request,
)
from bot.chat.offer_facts import answer_fact
from bot.chat.offer_presses import pressed_offer
from bot.chat.offer_reply import answer_offer, pause_length_answer
from bot.chat.option_questions import answer_option_question
from bot.chat.pending_reads import (
    answer_count_wins,
    answer_length_wins,
    answers_with_length,
    confirm_turn,
    decode,
    open_offer,
    read_pending,
    supersede,
)
from bot.chat.product_answers import answer_product
from bot.chat.question_guards import purchase_question_reply
from bot.chat.question_presses import read_press
from bot.chat.replies import ChatContext, Reply
from bot.chat.second_thoughts import settle
from bot.chat.stale_offers import cancel_undecided, close_if_moved_on
from bot.chat.stale_questions import bare_number_without_question, waiting_question
from bot.chat.stale_questions import close_if_moved_on as close_question_if_moved_on
from bot.chat.turns import DROPPED as DROPPED
from bot.chat.turns import PICKED as PICKED
from bot.chat.turns import Flow, Rerun
from bot.chat.turns import Turn as Turn
from bot.chat.withdrawals import withdrawn
from bot.domain.dialogue import (
    Answer,
    is_about_an_order,
    is_bare_cancel,
    is_negated_request,
    is_unsure_request,
    needs_confirmation,
    read_answer,
)
from bot.domain.language.en_offer_cues import decides_nothing, is_marketing_unsubscribe
from bot.domain.language.en_subscription_safety import clear_cancel
from bot.domain.language.en_support import says_undo
from bot.domain.models import OfferKind
from bot.services.shop import Shop
from bot.store.tables import OfferEventRow


@replies_on_error
def handle(shop: Shop, ctx: ChatContext, turn: Turn, flow: Flow, rerun: Rerun) -> list[Reply]:
    """Answer the pending question, ask before an unsure change, or run the action's flow.

    An offer the message did not answer is closed afterwards (:mod:`bot.chat.stale_offers`).

    Args:
        shop: The shop.
        ctx: The conversation (its token already checked in).
        turn: The message.
        flow: The predicted action's own flow.
        rerun: Runs ``(action, intent, entities, text)`` for a confirmed request.
    """
    pressed = read_press(shop, ctx, turn)  # a question's button: by its question id
    if isinstance(pressed, list):  # a stale or forged press: nothing changes, nothing closes
        return pressed
    turn = pressed
    before, words = open_offer(shop, ctx)  # read once; _handle acts on the same offer
    how_many = waiting_question(shop, ctx)  # "How many?", "Did you mean?": closed once moved on
    replies = _handle(shop, ctx, turn, flow, rerun, (before, words))
    close_question_if_moved_on(shop, ctx, how_many, replies)
    answered = (
        before is not None
        and read_answer(
            OfferKind(before.kind), turn.intent, turn.text, "product" in turn.entities, words
        )
        is not Answer.NONE
    )
    close_if_moved_on(shop, ctx, turn, before, answered, replies)
    return replies


@replies_on_error
def _handle(
    shop: Shop,
    ctx: ChatContext,
    turn: Turn,
    flow: Flow,
    rerun: Rerun,
    opened: tuple[OfferEventRow | None, list[str]],
) -> list[Reply]:
    pressed = pressed_offer(shop, ctx, turn, *opened)  # an offer's button: by its offer id
    pressed = pressed or withdrawn(shop, ctx, turn)  # "never mind" to a question: No (s25)
    if pressed is not None:
        return pressed
    answered = answer_fact(shop, ctx, turn, opened[0])  # "does it fit my phone?" (s25)
    answered = answered or answer_option_question(shop, ctx, turn.text)  # "the 65 W one?" (C3)
    answered = answered or answer_quantity(shop, ctx, turn.text)  # "3" to "How many mugs?"
    answered = answered or answer_product(shop, ctx, turn)  # "the mug" to "Which product?"
    answered = answered or first_reading(shop, ctx, turn, rerun)  # "stop", "resume it"...
    if answered is not None:
        return answered
    pending = read_pending(shop, ctx, turn, *opened)
    picks_choice, confirmation, offer, words = (
        pending.picks, pending.confirmation, pending.offer, pending.words
    )  # fmt: skip
    turn, undecided = settle(shop, ctx, turn, offer, confirmation)  # "yes... actually no"
    if undecided is not None:
        return undecided
    if picks_choice is DROPPED:  # "no" to "Did you mean X?": nothing changes
        return cart.declined_choice(shop, ctx, pending.question)
    if picks_choice == PICKED:  # "the laptop one", "the cheaper one", "yes" to "Did you mean X?"
        return cart.choose_option(shop, ctx, None, turn.text)
    if add_or_set.is_add_or_set(confirmation):  # "make it 2" to "add 2 more, or make it 2?"
        picked = add_or_set.answer(shop, ctx, turn, confirmation, rerun)
        if picked is not None:
            return picked
        confirmation = None  # "what's in my cart?": dropped, read as usual
    if confirmation is not None and decides_nothing(turn.text):  # "hold on": still asked
        with shop.session_factory.begin() as session:
            return [ask_again(session, ctx.conversation_id, confirmation)]
    if confirmation is not None:
        action, intent, entities, text = decode(confirmation)
        text = answer_length_wins(action, text, turn.text)  # "ok 3 weeks then"
        button = (  # the Yes button shown now: its payload, not a typed or stale look-alike
            turn.text.startswith("/")
            and turn.button_shown
            and turn.intent == intent
            and dict(turn.entities) == entities
        )
        said_length = answers_with_length(action, turn.text)  # "fine, make it 10 days" (s23)
        recount = answer_count_wins(action, text, entities, turn.text)  # "yes but only one"
        if recount is not None:
            return rerun(action, intent, recount[1], recount[0])
        repeated = intent in _CANCEL_INTENTS and clear_cancel(turn.text, True)  # again (F11)
        if turn.intent == "affirm" or (button and intent != "deny") or said_length or repeated:
            return rerun(action, intent, {**entities, **carried_values(confirmation)}, text)
        if turn.intent == "deny":  # typed "no", or the No button (never a Yes payload)
            return [Reply("utter_confirm_declined")]

    idle = offer is None and turn.action in STATE_CHANGING and not turn.confirmed
    if idle and bare_number_without_question(shop, ctx, turn.text):  # "3": of what?
        return [Reply("utter_ask_product")]
    if turn.stale_button and _acts_on_its_own(turn):  # an old question's "Yes", pressed now
        if not turn.entities:  # "/remove_item": says nothing of what it was about
            return [Reply("utter_button_expired")]
        return [confirm_turn(shop, ctx, turn)]  # "/add_item{…}": what it names, asked first

    def ask(asked: Turn, summary: str) -> Reply:
        return confirm_turn(shop, ctx, asked, summary)

    if turn.action in STATE_CHANGING and is_marketing_unsubscribe(turn.text):
        return [Reply("utter_marketing_unsupported")]  # "stop the emails": not the subscription
    early = (
        pause_length_answer(shop, ctx, turn, offer)  # "make it 10 days" to a pause offer (s23)
        or another_suggestion(shop, ctx, turn, offer)  # "and another suggestion?": never an add
        or purchase_question_reply(shop, ctx, turn, offer, ask)  # "a discount if I buy 10 mugs?"
        or cart_clauses.read(shop, ctx, turn, offer, ask)  # "keep the tripod, ditch the mugs"
        or accepted_with_count(shop, ctx, turn, offer)  # "yes pls, make it two": the offer's
        or offer_answers.yes_and_scale(shop, ctx, turn, offer)  # "yes, double it": which?
        or offer_answers.which_quantity(shop, ctx, turn, offer)
        or add_or_set.ask(shop, ctx, turn, ask)  # "2 mugs" with mugs in the cart: more, or 2?
        or wrong_action(shop, ctx, turn, ask)
        or remove_both(shop, ctx, turn, ask)  # "remove both": the two lines, named
        or unplaced_add(shop, ctx, turn, ask)  # "please add 2 zephyrine bambo cuting boards"
        or reread(shop, ctx, turn, offer, ask)  # "resume my subscription", "didn't mean to add"
        or subscription_safety.guard(shop, ctx, turn, offer, ask)  # no cancel/pause on a guess
        or accepted_and_named(shop, ctx, turn, offer)
        or bulk_removal(shop, ctx, turn, ask)
        or declined_and_more(shop, ctx, turn, offer)
        or accepted_and_more(shop, ctx, turn, offer)
    )
    if early is not None:  # "remove everything" (asked first), "no, but add a tripod"
        return early
    if offer is not None:
        answer = read_answer(
            OfferKind(offer.kind), turn.intent, turn.text, "product" in turn.entities, words
        )
        if answer is not Answer.NONE:
            return answer_offer(shop, ctx, turn, offer, answer, words)
    multiplies = turn.action in _SCALING or (offer is None and turn.action in _ANSWERS)
    scaled = scale_line(shop, ctx, turn.text) if multiplies else None  # "double it" as yes
    if scaled is not None:  # "double the mugs": a quantity change, never a removal
        if offer is not None and not OfferKind(offer.kind).is_retention:
            supersede(shop, offer.id)
        return scaled
    statement = not_a_request(turn, ask)
    if statement is not None:  # "I don't need any more mugs", "mugs are nice"
        return statement
    answers_nothing = offer is None and turn.action in _ANSWERS
    guarded = turn.action in STATE_CHANGING and turn.action not in _ANSWERS and not turn.confirmed
    cancelling = turn.action in ("action_cancel_subscription", "action_confirm_cancel")
    if cancelling and is_about_an_order(turn.text):  # "cancel my order": not the subscription
        return [Reply("utter_cancel_order_unsupported", {"contact": shop.support_contact})]
    if cancelling and turn.confirmed:  # "yes" to "cancel your subscription?": no second turn
        return cancel.cancel_confirmed(shop, ctx, turn.text)
    exit_open = offer is not None and OfferKind(offer.kind) in _EXIT_KINDS
    if cancelling and not exit_open and is_bare_cancel(turn.text):  # "cancel that" after an add
        asked = cancel.ask_what_to_cancel(shop, ctx)
        if asked is not None:
            return asked
    if guarded and is_negated_request(turn.text):  # "don't add a tripod"
        return [Reply("utter_confirm_declined")]
    if guarded and is_unsure_request(turn.text):  # "should I get a tripod?"
        return [confirm_turn(shop, ctx, turn)]
    if guarded and turn.action == "action_undo" and not says_undo(turn.text):
        return [confirm_turn(shop, ctx, turn)]  # an undo reading with no undo word: asked
    if (
        turn.action in STATE_CHANGING
        and not answers_nothing
        and needs_confirmation(turn.intent, turn.confidence)
        and not (cancelling and clear_cancel(turn.text, exit_open))  # "cancel care premium"
    ):
        return [confirm_turn(shop, ctx, turn)]
    retention = offer is not None and OfferKind(offer.kind).is_retention
    undecided = not retention and cancel_undecided(shop, ctx)  # asked to cancel, moved on
    if retention and turn.action in _SELLING:
        return [Reply("utter_no_selling_while_cancelling")]  # nothing is sold during a cancel
    if undecided and turn.action in _SELLING:  # "what goes with my cart?" after that: still no
        return [Reply("utter_no_selling_cancel_undecided")]
    still_cancelling = retention and turn.action == "action_checkout"
    if offer is not None and turn.action in SUPERSEDING and not still_cancelling:
        supersede(shop, offer.id)
    corrected = corrections.corrected(shop, ctx, turn)
    if corrected is not None:  # "add a tripod, actually no, a bag", "make it 3, no 2"
        return corrected
    muted = retention or undecided  # a cancel left undecided: no pitch either
    return flow(replace(ctx, upset=True) if muted else ctx)


_CANCEL_INTENTS = frozenset({"cancel_subscription", "cancel_anyway"})


def _acts_on_its_own(turn: Turn) -> bool:
    """A button that would change a cart or subscription by itself.

    Not a yes / no or an option of a did-you-mean (they answer only what is open now), not
    "Cancel anyway", and not the cart page's own "Too pricey?" link
    (``/remove_too_expensive{...}``, always a question).
    """
    exempt = turn.intent in ("affirm", "deny", "choose_option", "remove_too_expensive")
    return turn.action in STATE_CHANGING and turn.action not in _CANCELLING and not exempt
