"""Score an NLU model on the validation set (bench/nlu_validation.yml), for tuning.

Issue 12's targets are measured on the independent test set (tests/nlu); tuning the training
data or the pipeline against that set would spoil it, so experiments are scored here instead.
The script first checks that no validation utterance is a training example or a test-set
utterance, then prints accuracy, per-intent recall, the state-changing recalls and the errors.

Usage::

    .venv/bin/python bench/nlu_validation.py [MODEL] [--dump PREDICTIONS.json]

``--dump`` writes each utterance's predicted intent and confidence, so that two trainings of
the same data can be compared (reproducibility).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT
from tests.nlu.evaluation import FALLBACK, Example, format_report, load_examples, normalise, score
from tests.nlu.test_independent_set import STATE_CHANGING, TARGET_STATE_CHANGING_RECALL

VALIDATION = PROJECT_ROOT / "bench" / "nlu_validation.yml"
MODEL = PROJECT_ROOT / "models" / "checkout.tar.gz"


def overlaps(examples: list[Example]) -> dict[str, str]:
    """Validation texts that also occur in data/nlu or a test set, with the file they are in."""
    others = sorted((PROJECT_ROOT / "data" / "nlu").rglob("*.yml"))
    others += sorted((PROJECT_ROOT / "tests" / "nlu").glob("independent_test_set*.yml"))
    seen = {normalise(e.text): path.name for path in others for e in load_examples(path)}
    return {e.text: seen[normalise(e.text)] for e in examples if normalise(e.text) in seen}


def predict(model: Path, texts: list[str]) -> list[dict[str, Any]]:
    """The intent name and confidence a model predicts for each text."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from rasa.core.agent import Agent  # heavy import: only when a model is scored

    agent = Agent.load(str(model))

    async def run() -> list[dict[str, Any]]:
        results = [await agent.parse_message(text) for text in texts]
        return [r.get("intent") or {} for r in results]

    intents = asyncio.run(run())
    return [{"name": i.get("name") or FALLBACK, "confidence": i.get("confidence")} for i in intents]


def main(argv: list[str] | None = None) -> int:
    """Check disjointness, score the model, print the report; 1 if the set overlaps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", type=Path, default=MODEL)
    parser.add_argument("--dump", type=Path, help="write predictions + confidences as JSON")
    args = parser.parse_args(argv)
    examples = load_examples(VALIDATION)
    copies = overlaps(examples)
    if copies:
        print(f"validation utterances found in training or test data: {copies}")
        return 1
    predictions = predict(args.model, [e.text for e in examples])
    report = score(examples, [p["name"] for p in predictions])
    print(format_report(report, f"NLU validation set ({args.model})", top=20))
    print()
    for intent in STATE_CHANGING:
        recall = report.intents[intent].recall
        mark = "" if recall >= TARGET_STATE_CHANGING_RECALL else "  (below target)"
        print(f"state-changing recall {intent:<20} {recall:.3f}{mark}")
    if args.dump:
        rows = [{"text": e.text, **p} for e, p in zip(examples, predictions, strict=True)]
        args.dump.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
