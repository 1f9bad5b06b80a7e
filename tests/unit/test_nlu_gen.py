"""Tests for the product-mention NLU generator (seeded vocabulary, never the catalog)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bot.demo.catalog import PRODUCTS
from bot.nlu_gen import (
    EXAMPLES_PER_INTENT,
    HEADER,
    INTENT_TEMPLATES,
    build_examples,
    example_texts,
    misspell,
    product_name,
    render_product_nlu,
)

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
ENTITY = re.compile(r"\[([^\]]+)\]\((\w+)\)")


def _all_examples() -> list[tuple[str, str]]:
    return [(i, e) for i, examples in build_examples().items() for e in examples]


def _plain(example: str) -> str:
    return ENTITY.sub(lambda m: m.group(1), example)


def test_the_output_is_reproducible_and_depends_on_the_seed_only() -> None:
    assert render_product_nlu() == render_product_nlu()
    assert render_product_nlu(seed=1) != render_product_nlu()
    assert render_product_nlu().splitlines()[0] == HEADER


def test_the_size_is_fixed_whatever_the_catalog() -> None:
    counts = {intent: len(examples) for intent, examples in build_examples().items()}
    for intent, count in EXAMPLES_PER_INTENT.items():
        assert counts[intent] >= count
    assert sum(counts.values()) < 400


def test_no_catalog_name_or_lookup_table_is_in_the_training_data() -> None:
    text = render_product_nlu()
    assert "lookup:" not in text
    names = {p.name.lower() for p in PRODUCTS}
    mentioned = {m.lower() for m, kind in ENTITY.findall(text) if kind == "product"}
    assert len(mentioned & names) <= 2  # a generic "sd card" may coincide, not the catalog


def test_every_example_is_annotated_like_rasa_expects() -> None:
    parser = pytest.importorskip("rasa.shared.nlu.training_data.entities_parser")
    for intent, example in _all_examples():
        assert intent in INTENT_TEMPLATES
        parsed = parser.find_entities_in_training_example(example)
        assert [(e["entity"], e["value"]) for e in parsed] == [
            (kind, surface) for surface, kind in ENTITY.findall(example)
        ], example
        assert parser.replace_entities(example) == _plain(example)


def test_the_vocabulary_covers_numbers_units_packs_plurals_casing_and_typos() -> None:
    rng = random.Random(7)
    names = [product_name(rng) for _ in range(2000)]
    assert any(re.search(r"\d+ ?(gb|tb)\b", n, re.I) for n in names)  # capacities
    assert any(re.search(r"\b\d+ ?(ml|l|oz|kg|g)\b", n, re.I) for n in names)  # sizes
    assert any("pack" in n.lower() for n in names)
    assert any(n.lower().endswith("s") for n in names)
    assert any(n != n.lower() for n in names) and any(n == n.lower() for n in names)
    assert len(set(names)) > 1500


def test_quantities_and_numbers_in_names_are_both_learned() -> None:
    examples = [e for i, e in _all_examples() if i == "add_item"]
    assert any(
        "(quantity)" in e and re.search(r"\[[^\]]*\d[^\]]*\]\(product\)", e) for e in examples
    )


def test_misspell_changes_one_long_word() -> None:
    rng = random.Random(3)
    typo = misspell("travel tripod", rng)
    assert typo != "travel tripod"
    assert abs(len(typo) - len("travel tripod")) <= 1
    assert misspell("sd card", rng) == "sd card"


def test_no_duplicate_examples_and_none_repeats_a_hand_written_one() -> None:
    plains = [_plain(example).lower() for _, example in _all_examples()]
    assert len(plains) == len(set(plains))
    hand_written: set[str] = set()
    for path in sorted(NLU_DIR.glob("*.yml")):
        if path.name != "products.yml":
            hand_written |= {t.lower() for t in example_texts(path.read_text(encoding="utf-8"))}
    committed = example_texts((NLU_DIR / "products.yml").read_text(encoding="utf-8"))
    assert not {t.lower() for t in committed} & hand_written


def test_exclude_skips_hand_written_texts() -> None:
    first = _plain(_all_examples()[0][1])
    regenerated = [_plain(e).lower() for _, e in _all_examples_excluding({first.upper()})]
    assert first.lower() not in regenerated


def _all_examples_excluding(excluded: set[str]) -> list[tuple[str, str]]:
    return [(i, e) for i, examples in build_examples(excluded).items() for e in examples]


def test_render_is_valid_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(render_product_nlu())
    assert data["version"] == "3.1"
    assert {block["intent"] for block in data["nlu"]} == set(INTENT_TEMPLATES)


def test_example_texts_strips_annotations() -> None:
    text = (
        'version: "3.1"\nnlu:\n- intent: add_item\n  examples: |\n'
        "    - add [2](quantity) [Travel Tripod](product)\n    - add it\n"
    )
    assert example_texts(text) == {"add 2 Travel Tripod", "add it"}
