"""Score an NLU model's intents on a labelled test set: accuracy, per-intent precision and
recall, and the most frequent confusions.

The scoring is plain data in, plain data out (:func:`score`), so it is tested without a
model; :func:`parse_all` runs a loaded Rasa agent over the texts in one event loop.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import precision_recall_fscore_support

FALLBACK = "nlu_fallback"


@dataclass(frozen=True)
class Example:
    """One labelled utterance."""

    text: str
    intent: str


@dataclass(frozen=True)
class IntentScore:
    """Precision, recall and support (number of test examples) of one intent."""

    intent: str
    precision: float
    recall: float
    support: int


@dataclass(frozen=True)
class Report:
    """The result of scoring predictions against labels."""

    accuracy: float
    total: int
    intents: dict[str, IntentScore]
    confusions: list[tuple[str, str, int]]  # (expected, predicted, count), most frequent first
    errors: list[tuple[str, str, str]]  # (text, expected, predicted)


def load_examples(path: Path) -> list[Example]:
    """The labelled utterances of a Rasa NLU YAML file (entity annotations stripped)."""
    data = load_data(str(path))
    return [Example(m.get("text"), m.get("intent")) for m in data.intent_examples]


def normalise(text: str) -> str:
    """A text as compared for overlap: annotations removed, lower case, punctuation dropped."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text).lower()
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def score(examples: Sequence[Example], predicted: Sequence[str]) -> Report:
    """Compare predicted intents with the labels.

    Args:
        examples: The labelled utterances.
        predicted: The predicted intent of each example, in the same order
            (``nlu_fallback`` counts as a wrong prediction).

    Returns:
        Accuracy, per-intent precision/recall for every labelled intent, and confusions.
    """
    expected = [e.intent for e in examples]
    labels = sorted(set(expected))
    precision, recall, _, support = precision_recall_fscore_support(
        expected, list(predicted), labels=labels, zero_division=0
    )
    intents = {
        label: IntentScore(label, float(p), float(r), int(s))
        for label, p, r, s in zip(labels, precision, recall, support, strict=True)
    }
    pairs_in_order = zip(examples, predicted, strict=True)
    wrong = [(e.text, e.intent, p) for e, p in pairs_in_order if e.intent != p]
    pairs = Counter((exp, pred) for _, exp, pred in wrong)
    confusions = [(exp, pred, n) for (exp, pred), n in pairs.most_common()]
    accuracy = 1 - len(wrong) / len(examples) if examples else 0.0
    return Report(accuracy, len(examples), intents, confusions, wrong)


def format_report(report: Report, title: str, top: int = 15) -> str:
    """The report as text: accuracy, a per-intent table and the top confusions."""
    lines = [f"{title}: intent accuracy {report.accuracy:.3f} on {report.total} utterances", ""]
    lines.append(f"{'intent':<26} {'precision':>9} {'recall':>7} {'support':>7}")
    for s in report.intents.values():
        lines.append(f"{s.intent:<26} {s.precision:>9.3f} {s.recall:>7.3f} {s.support:>7}")
    lines += ["", f"top confusions (expected -> predicted: count), {len(report.errors)} errors:"]
    lines += [f"  {exp} -> {pred}: {n}" for exp, pred, n in report.confusions[:top]] or ["  none"]
    lines += ["", "misclassified:"]
    lines += [f"  {text!r}: {exp} -> {pred}" for text, exp, pred in report.errors] or ["  none"]
    return "\n".join(lines)


def parse_all(agent: Any, texts: Iterable[str]) -> list[str]:
    """The intent a loaded Rasa agent predicts for each text (one event loop for all)."""

    async def run() -> list[str]:
        results = [await agent.parse_message(text) for text in texts]
        return [(r.get("intent") or {}).get("name") or FALLBACK for r in results]

    return asyncio.run(run())
