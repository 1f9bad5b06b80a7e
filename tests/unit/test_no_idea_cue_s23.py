"""'no idea', 'no clue tbh' decide nothing; 'no', 'no thanks' still decline (s23 C1/C2)."""

import pytest

from bot.domain.dialogue import Answer, OfferKind, read_answer
from bot.domain.language.en_offer_cues import is_hesitation

HOLDS = [
    "no idea", "no clue tbh", "no idea tbh", "no clue", "not a clue",
    "no idea what you mean", "idk", "dunno", "hmm", "not sure", "no worries", "no rush",
]  # fmt: skip


@pytest.mark.parametrize("text", HOLDS)
def test_non_decision_is_hesitation(text: str) -> None:
    assert is_hesitation(text)


@pytest.mark.parametrize("text", HOLDS)
@pytest.mark.parametrize("kind", [OfferKind.RETENTION_PLAN, OfferKind.DOWNSELL])
def test_non_decision_holds_offer(kind: OfferKind, text: str) -> None:
    assert read_answer(kind, "deny", text) is Answer.HOLD


@pytest.mark.parametrize("text", ["no", "nope", "no thanks", "no just remove it"])
def test_plain_no_still_declines(text: str) -> None:
    assert not is_hesitation(text)
    assert read_answer(OfferKind.DOWNSELL, "deny", text) is Answer.DECLINE
