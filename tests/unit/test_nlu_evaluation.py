"""The NLU test-set scoring (tests/nlu/evaluation.py) on hand-made predictions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nlu.evaluation import Example, format_report, load_examples, normalise, score

EXAMPLES = [
    Example("add a mug", "add_item"),
    Example("two mugs please", "add_item"),
    Example("remove it", "remove_item"),
    Example("hi", "greet"),
]


def test_score_counts_accuracy_precision_recall_and_confusions() -> None:
    report = score(EXAMPLES, ["add_item", "remove_item", "remove_item", "nlu_fallback"])
    assert report.accuracy == pytest.approx(0.5)
    assert report.intents["add_item"].recall == pytest.approx(0.5)
    assert report.intents["add_item"].precision == pytest.approx(1.0)
    assert report.intents["remove_item"].precision == pytest.approx(0.5)
    assert report.intents["remove_item"].recall == pytest.approx(1.0)
    assert report.intents["greet"].recall == 0.0
    assert report.intents["greet"].support == 1
    assert report.confusions == [("add_item", "remove_item", 1), ("greet", "nlu_fallback", 1)]
    assert ("hi", "greet", "nlu_fallback") in report.errors


def test_format_report_lists_every_intent_and_the_confusions() -> None:
    text = format_report(score(EXAMPLES, ["add_item"] * 4), "demo")
    assert "demo: intent accuracy 0.500 on 4 utterances" in text
    assert "remove_item -> add_item: 1" in text
    for intent in ("add_item", "remove_item", "greet"):
        assert intent in text


def test_load_examples_strips_entity_annotations(tmp_path: Path) -> None:
    path = tmp_path / "nlu.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: add_item\n  examples: |\n'
        "    - add [2](quantity) [mugs](product)\n    - add it\n"
    )
    assert load_examples(path) == [Example("add 2 mugs", "add_item"), Example("add it", "add_item")]


def test_normalise_ignores_case_punctuation_and_annotations() -> None:
    assert normalise("Add [2](quantity) [Mugs](product)!!") == normalise("add 2 mugs")
    assert normalise("what's in my cart?") == "what's in my cart"
