"""Tests for the catalog-driven product NLU generator."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.nlu_gen import (
    HEADER,
    CatalogEntry,
    build_examples,
    example_texts,
    lookup_order,
    misspell,
    product_phrases,
    render_product_nlu,
)

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
ENTITY = re.compile(r"\[([^\]]+)\](?:\((\w+)\)|(\{[^}]*\}))")
GENERATED_INTENTS = {
    "add_item",
    "remove_item",
    "change_quantity",
    "ask_upgrade",
    "remove_too_expensive",
}

ENTRIES = (
    CatalogEntry("Aria Phone 128 GB", "phones", "Aria Phone"),
    CatalogEntry("Aria Phone 256 GB", "phones", "Aria Phone"),
    CatalogEntry("Clear Phone Case", "phone-accessories", None),
    CatalogEntry("Fast Charger 30W", "phone-accessories", None),
    CatalogEntry("Travel Tripod", "camera-accessories", None),
    CatalogEntry("64 GB SD Card", "camera-accessories", "SD Card"),
    CatalogEntry("128 GB SD Card", "camera-accessories", "SD Card"),
    CatalogEntry("Snap Camera Entry", "cameras", "Snap Camera"),
    CatalogEntry("Snap Camera Pro", "cameras", "Snap Camera"),
    CatalogEntry("USB-C Hub 7-in-1", "laptop-accessories", None),
    CatalogEntry("Pulse Headphones Lite", "audio", "Pulse Headphones"),
)


def _all_examples(entries=ENTRIES) -> list[tuple[str, str]]:
    return [
        (intent, example)
        for intent, examples in build_examples(entries).items()
        for example in examples
    ]


def _entities(example: str) -> list[tuple[str, str, str]]:
    """Return (surface text, entity type, value) for each annotation of an example."""
    found = []
    for surface, name, attributes in ENTITY.findall(example):
        if attributes:
            data = json.loads(attributes)
            found.append((surface, data["entity"], data["value"]))
        else:
            found.append((surface, name, surface))
    return found


def _plain(example: str) -> str:
    return ENTITY.sub(lambda m: m.group(1), example)


def test_product_phrases_contains_names_and_families_lower_cased() -> None:
    phrases = product_phrases(ENTRIES)
    for entry in ENTRIES:
        assert entry.name.lower() in phrases
        if entry.family:
            assert entry.family.lower() in phrases
    assert phrases == sorted(set(phrases))
    assert len(phrases) == len(ENTRIES) + 4  # four distinct families


def test_product_phrases_deduplicates_case_and_whitespace() -> None:
    entries = (
        CatalogEntry("Travel  Tripod", "x", None),
        CatalogEntry("travel tripod", "x", "TRAVEL TRIPOD"),
    )
    assert product_phrases(entries) == ["travel tripod"]


def test_lookup_table_lists_every_phrase() -> None:
    data = render_product_nlu(ENTRIES)
    lookup_block = data.split("- lookup: product\n  examples: |\n", 1)[1].split("\n\n", 1)[0]
    listed = [line.removeprefix("    - ") for line in lookup_block.splitlines()]
    assert sorted(listed) == product_phrases(ENTRIES)
    # Longest first, so a regex alternation prefers "aria phone 256 gb" over "aria phone".
    assert listed.index("aria phone 256 gb") < listed.index("aria phone")
    assert [len(p) for p in listed] == sorted((len(p) for p in listed), reverse=True)


def test_lookup_order_makes_rasa_lookup_regex_match_full_names() -> None:
    pattern_utils = pytest.importorskip("rasa.nlu.utils.pattern_utils")
    table = {"name": "product", "elements": lookup_order(product_phrases(ENTRIES))}
    regex = re.compile(pattern_utils._generate_lookup_regex(table), re.IGNORECASE)
    match = regex.search("the Aria Phone 256 GB is too pricey")
    assert match is not None and match.group(0) == "Aria Phone 256 GB"


def test_every_entity_value_is_a_phrase_a_misspelling_or_a_quantity() -> None:
    phrases = set(product_phrases(ENTRIES))
    for intent, example in _all_examples():
        assert intent in GENERATED_INTENTS
        entities = _entities(example)
        products = [(surface, value) for surface, name, value in entities if name == "product"]
        assert len(products) == 1, example
        surface, value = products[0]
        # The value is always the lower-case lookup phrase; the surface text is that phrase
        # in some casing, or its deterministic misspelling.
        assert value in phrases, example
        assert surface.lower() in {value, misspell(value)}, example
        for surface, name, value in entities:
            assert name in {"product", "quantity"}, example
            if name == "quantity":
                assert surface == value, example
                assert value in {"1", "2", "3", "4", "5", "one", "two", "three", "four"}, example


def test_each_phrase_appears_in_two_to_four_examples() -> None:
    counts = {phrase: 0 for phrase in product_phrases(ENTRIES)}
    for _, example in _all_examples():
        for surface, name, value in _entities(example):
            if name == "product" and surface.lower() == value:
                counts[value] += 1
    assert all(2 <= count <= 4 for count in counts.values()), counts


def test_examples_mix_casing_quantities_and_misspellings() -> None:
    phrases = set(product_phrases(ENTRIES))
    examples = _all_examples()
    surfaces = [s for _, e in examples for s, n, _ in _entities(e) if n == "product"]
    assert any(s in phrases for s in surfaces)
    assert any(s != s.lower() for s in surfaces)
    assert any("(quantity)" in e for intent, e in examples if intent == "add_item")
    assert any("[two](quantity)" in e or "[three](quantity)" in e for _, e in examples)
    for intent in GENERATED_INTENTS:
        typos = [
            e
            for i, e in examples
            if i == intent
            and any(n == "product" and s.lower() not in phrases for s, n, _ in _entities(e))
        ]
        assert 1 <= len(typos) <= 5, intent


def test_annotations_parse_like_rasa() -> None:
    parser = pytest.importorskip("rasa.shared.nlu.training_data.entities_parser")
    for _, example in _all_examples():
        expected = [(name, value) for _, name, value in _entities(example)]
        parsed = parser.find_entities_in_training_example(example)
        assert [(e["entity"], e["value"]) for e in parsed] == expected, example
        assert parser.replace_entities(example) == _plain(example)


def test_misspell_changes_exactly_one_character_position() -> None:
    assert misspell("travel tripod") == "trvael tripod"
    assert misspell("sd card") is None
    typo = misspell("coffee machine")
    assert typo is not None and typo != "coffee machine"
    assert len(typo) in {len("coffee machine"), len("coffee machine") - 1}


def test_no_duplicate_examples_across_intents() -> None:
    plains = [_plain(example).lower() for _, example in _all_examples()]
    assert len(plains) == len(set(plains))


def test_exclude_skips_hand_written_texts() -> None:
    first = _all_examples()[0][1]
    excluded = {_plain(first).upper()}
    regenerated = [
        _plain(e).lower() for _, es in build_examples(ENTRIES, excluded).items() for e in es
    ]
    assert _plain(first).lower() not in regenerated


def test_render_is_deterministic_and_has_header() -> None:
    first = render_product_nlu(ENTRIES)
    assert first == render_product_nlu(list(ENTRIES))
    assert first.splitlines()[0] == HEADER
    assert 'version: "3.1"' in first
    assert (
        render_product_nlu(tuple(reversed(ENTRIES))).split("- intent:")[0]
        == (first.split("- intent:")[0])
    )


def test_render_is_valid_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(render_product_nlu(ENTRIES))
    assert data["version"] == "3.1"
    blocks = {block.get("intent") or f"lookup:{block['lookup']}": block for block in data["nlu"]}
    assert set(blocks) == GENERATED_INTENTS | {"lookup:product"}
    lookup = [line[2:] for line in blocks["lookup:product"]["examples"].splitlines()]
    assert lookup == lookup_order(product_phrases(ENTRIES))


def test_example_texts_strips_annotations() -> None:
    text = (
        'version: "3.1"\nnlu:\n- intent: add_item\n  examples: |\n'
        "    - add [2](quantity) [Travel Tripod](product)\n    - add it\n"
    )
    assert example_texts(text) == {"add 2 Travel Tripod", "add it"}


def _demo_entries() -> list[CatalogEntry]:
    catalog = pytest.importorskip("bot.demo.catalog")
    return [CatalogEntry(p.name, p.category, p.family) for p in catalog.PRODUCTS]


def test_checked_in_products_file_matches_demo_catalog() -> None:
    entries = _demo_entries()
    generated = NLU_DIR / "products.yml"
    if not generated.exists():
        pytest.skip("data/nlu/products.yml not generated yet")
    text = generated.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    assert text.split("\n\n- intent:")[0] == render_product_nlu(entries).split("\n\n- intent:")[0]
    hand_written: set[str] = set()
    for path in sorted(NLU_DIR.glob("*.yml")):
        if path.name != "products.yml":
            hand_written |= {t.lower() for t in example_texts(path.read_text(encoding="utf-8"))}
    generated_texts = {t.lower() for t in example_texts(text)} - set(product_phrases(entries))
    assert not generated_texts & hand_written
