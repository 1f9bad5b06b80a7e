"""Conversation tier: Rasa's own checks on the training data and the trained model.

`rasa test` only predicts (it never runs custom actions); the live tier covers effects.
``--e2e`` makes the story test parse each user text with the NLU model too (without it the
intent written in the story is taken as given and the text is never read).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from tests.conversation.conftest import METRICS

MODEL = PROJECT_ROOT / "models" / "checkout.tar.gz"
MIN_INTENT_ACCURACY = 0.85

pytestmark = pytest.mark.conversation


def rasa(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the rasa CLI of this interpreter from the project root."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


@pytest.fixture(scope="module")
def model() -> Path:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does)")
    return MODEL


def test_training_data_validates_without_warnings() -> None:
    result = rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_conversation_stories_predict_every_action(model: Path, tmp_path: Path) -> None:
    out = tmp_path / "core"
    result = rasa(
        "test", "core", "--model", str(model), "--stories", "tests/conversation/stories",
        "--fail-on-prediction-errors", "--e2e", "--out", str(out),
    )  # fmt: skip
    failed = out / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else result.stdout[-4000:]
    assert result.returncode == 0, detail + result.stderr[-2000:]


def test_nlu_paraphrases_intent_accuracy(model: Path, tmp_path: Path) -> None:
    out = tmp_path / "nlu"
    result = rasa(
        "test", "nlu", "--model", str(model), "--nlu", "tests/conversation/nlu_paraphrases.yml",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads((out / "intent_report.json").read_text())
    accuracy = report["accuracy"]
    support = report["weighted avg"]["support"]
    METRICS.append(f"NLU paraphrase intent accuracy: {accuracy:.3f} on {support} examples")
    assert accuracy >= MIN_INTENT_ACCURACY, json.dumps(
        {k: v for k, v in report.items() if isinstance(v, dict) and v.get("f1-score", 1) < 0.8},
        indent=1,
    )
