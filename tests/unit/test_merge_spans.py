"""Touching product spans are one mention: the pure merge and the Rasa pipeline component."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import PROJECT_ROOT
from bot.nlu.spans import merge_adjacent_spans


def spans(text: str, *parts: str, entity: str = "product", **extra: Any) -> list[dict]:
    """Entity dicts as DIET gives them, one per ``parts`` item, found left to right."""
    found, at = [], 0
    for part in parts:
        start = text.index(part, at)
        at = start + len(part)
        found.append({"entity": entity, "start": start, "end": at, "value": part,
                      "extractor": "DIETClassifier", **extra})  # fmt: skip
    return found


def _pipeline() -> list[str]:
    config = yaml.safe_load(Path(PROJECT_ROOT, "config.yml").read_text())
    return [step["name"] for step in config["pipeline"]]


def values(entities: list[dict]) -> list[tuple[str, str]]:
    return [(e["entity"], e["value"]) for e in entities]


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        ("I can't afford the pulse headphones studio", ("pulse headphones", "studio"),
         ["pulse headphones studio"]),
        ("add the aria phone 512 gb", ("aria", "phone", "512 gb"), ["aria phone 512 gb"]),
        ("remove the Velko   kettle mid please", ("Velko", "kettle mid"), ["Velko   kettle mid"]),
        ("swap the small\thoodie", ("small", "hoodie"), ["small\thoodie"]),
    ],
)  # fmt: skip
def test_spans_with_only_spaces_between_are_one_mention(
    text: str, parts: tuple[str, ...], expected: list[str]
) -> None:
    merged = merge_adjacent_spans(text, spans(text, *parts))
    assert [e["value"] for e in merged] == expected
    assert all(text[e["start"] : e["end"]] == e["value"] for e in merged)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a mug and a tripod", ("mug", "tripod")),
        ("mug and tripod", ("mug", "tripod")),
        ("mug, tripod", ("mug", "tripod")),
        ("mug,tripod", ("mug", "tripod")),
        ("mug & tripod", ("mug", "tripod")),
        ("mug plus tripod", ("mug", "tripod")),
        ("the mug or the tripod", ("mug", "tripod")),
        ("swap the mug for the tripod", ("mug", "tripod")),
        ("mug\ntripod", ("mug", "tripod")),
        ("mug\r\ntripod", ("mug", "tripod")),
        ("mug/tripod", ("mug", "tripod")),
        ("mug - tripod", ("mug", "tripod")),
    ],
)  # fmt: skip
def test_a_word_or_sign_or_line_break_between_keeps_mentions_apart(
    text: str, parts: tuple[str, ...]
) -> None:
    entities = spans(text, *parts)
    assert merge_adjacent_spans(text, entities) == entities


def test_a_quantity_between_two_products_keeps_them_apart() -> None:
    text = "mugs 3 tripods"
    entities = sorted(
        spans(text, "mugs", "tripods") + spans(text, "3", entity="quantity"),
        key=lambda e: e["start"],
    )
    assert values(merge_adjacent_spans(text, entities)) == [
        ("product", "mugs"), ("quantity", "3"), ("product", "tripods"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("add 2 aria phone 512 gb", ("2", "aria phone 512 gb")),
        ("add aria phone 128", ("aria phone", "128")),
        ("two mugs please", ("two", "mugs")),
        ("mug x2", ("mug", "x2")),
        ("grab a lamp", ("a", "lamp")),
        ("a couple of candles", ("a couple of", "candles")),
    ],
)  # fmt: skip
def test_a_span_that_is_only_an_amount_is_never_joined(text: str, parts: tuple[str, ...]) -> None:
    entities = spans(text, *parts)
    assert merge_adjacent_spans(text, entities) == entities


def test_a_name_span_that_holds_an_amount_still_joins() -> None:
    text = "add 2 aria phone 512 gb"
    merged = merge_adjacent_spans(text, spans(text, "2 aria", "phone", "512 gb"))
    assert values(merged) == [("product", "2 aria phone 512 gb")]


def test_only_the_configured_types_join() -> None:
    text = "blue red mugs"
    entities = spans(text, "blue", "red", entity="colour") + spans(text, "mugs")
    assert merge_adjacent_spans(text, entities) == entities
    joined = merge_adjacent_spans(text, entities, types=("colour", "product"))
    assert values(joined) == [("colour", "blue red"), ("product", "mugs")]


def test_a_quantity_touching_a_product_is_not_joined_to_it() -> None:
    text = "2 mugs"
    entities = spans(text, "2", entity="quantity") + spans(text, "mugs")
    assert merge_adjacent_spans(text, entities) == entities


def test_spans_with_other_roles_stay_apart() -> None:
    text = "mug tripod"
    entities = spans(text, "mug", role="from") + spans(text, "tripod", role="to")
    assert merge_adjacent_spans(text, entities) == entities


def test_a_joined_span_keeps_the_first_spans_keys_and_the_lowest_confidence() -> None:
    text = "buy the pulse headphones studio and a mug"
    entities = spans(text, "pulse headphones", "studio", "mug")
    for entity, confidence in zip(entities, (0.99, 0.71, 0.95), strict=True):
        entity["confidence_entity"] = confidence
    merged = merge_adjacent_spans(text, entities, by="MergeProductSpans")
    assert merged == [
        {"entity": "product", "start": 8, "end": 31, "value": "pulse headphones studio",
         "extractor": "DIETClassifier", "confidence_entity": 0.71,
         "processors": ["MergeProductSpans"]},
        {**entities[2]},
    ]  # fmt: skip
    assert entities[0]["end"] == 24, "the input is not modified"


def test_a_run_of_three_spans_becomes_one_and_order_is_by_start() -> None:
    text = "add the torrin lamp mid x2"
    entities = spans(text, "torrin", "lamp", "mid")
    merged = merge_adjacent_spans(text, list(reversed(entities)))
    assert values(merged) == [("product", "torrin lamp mid")]


def test_overlapping_spans_are_left_alone() -> None:
    text = "aria phone"
    entities = [
        {"entity": "product", "start": 0, "end": 10, "value": "aria phone"},
        {"entity": "product", "start": 5, "end": 10, "value": "phone"},
    ]
    assert merge_adjacent_spans(text, entities) == entities


def test_no_entities_or_one_entity_is_unchanged() -> None:
    assert merge_adjacent_spans("hi", []) == []
    one = spans("the mug", "mug")
    assert merge_adjacent_spans("the mug", one) == one


def test_the_component_joins_the_spans_of_a_parsed_message() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.merge_spans import MergeProductSpans

    text = "I can't afford the pulse headphones studio, or 2 mugs"
    entities = spans(text, "pulse headphones", "studio", "mugs")
    message = Message(data={"text": text, "entities": entities})
    component = MergeProductSpans(MergeProductSpans.get_default_config())
    [out] = component.process([message])
    assert values(out.get("entities")) == [
        ("product", "pulse headphones studio"), ("product", "mugs"),
    ]  # fmt: skip
    assert "entities" in out.output_properties


def test_rasa_finds_the_component_by_the_name_config_yml_gives() -> None:
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    from bot.nlu.merge_spans import MergeProductSpans

    pipeline = _pipeline()
    name = next(n for n in pipeline if n.endswith("MergeProductSpans"))
    # after the classifier that makes the spans, before the synonyms that read whole values
    assert pipeline.index("DIETClassifier") < pipeline.index(name)
    assert pipeline.index(name) < pipeline.index("EntitySynonymMapper")
    registered = DefaultV1Recipe._from_registry(name)
    assert registered.clazz is MergeProductSpans
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
    assert registered.is_trainable is False


def test_every_way_the_project_starts_rasa_can_import_the_component(tmp_path: Path) -> None:
    """Rasa imports ``bot.nlu.merge_spans`` by name: the project root must be on the path."""
    from bot.launcher import Stack, process_env

    assert [n for n in _pipeline() if "." in n] == ["bot.nlu.merge_spans.MergeProductSpans"]
    makefile = Path(PROJECT_ROOT, "Makefile").read_text()
    assert re.search(r"^export PYTHONPATH := \$\(CURDIR\)$", makefile, re.M)  # make test/model
    stack = Stack(db_url="sqlite://", model=tmp_path / "m.tar.gz", log_dir=tmp_path)
    assert process_env("rasa", stack._environment())["PYTHONPATH"] == str(PROJECT_ROOT)
    assert (
        'PYTHONPATH": str(PROJECT_ROOT)' in Path(PROJECT_ROOT, "tests/live/replicas.py").read_text()
    )
    docker = Path(PROJECT_ROOT, "deploy/Dockerfile").read_text()
    assert "PYTHONPATH=/app" in docker and "WORKDIR /app" in docker
    # `rasa` (and `python -m`) put the working directory on sys.path: no PYTHONPATH needed
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = "import sys, os; sys.path.insert(1, os.getcwd()); import bot.nlu.merge_spans"
    result = subprocess.run([sys.executable, "-I", "-c", code], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        # the merged model tagged "re" of "they're" as a second product (s23 merge)
        ("remove the headphones, they're too expensive", ("headphones", "re"), ["headphones"]),
        ("drop the mug, it's chipped", ("mug", "s"), ["mug"]),
        ("add the tripod, I’ll need it", ("tripod", "ll"), ["tripod"]),
        ("i don't want the mug", ("t", "mug"), ["mug"]),
    ],
)  # fmt: skip
def test_a_contraction_tail_is_never_a_product(text: str, parts, expected) -> None:
    assert [v for _, v in values(merge_adjacent_spans(text, spans(text, *parts)))] == expected


def test_a_name_with_an_apostrophe_keeps_its_own_span() -> None:
    text = "add the o'neill jacket and a s mug"
    kept = spans(text, "neill jacket", "s mug")  # "neill…" follows an apostrophe: not a tail

    assert [v for _, v in values(merge_adjacent_spans(text, kept))] == ["neill jacket", "s mug"]
