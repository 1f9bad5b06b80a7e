"""The independent NLU test set: the trained model is loaded once, the report is printed in
pytest's summary (with or without ``-s``) and written to ``results/``."""

from __future__ import annotations

import os

import pytest

from bot.config import PROJECT_ROOT
from tests.nlu.evaluation import Example, Report, format_report, load_examples, parse_all, score

MODEL = PROJECT_ROOT / "models" / "checkout.tar.gz"
# Part A (independent_test_set.yml) and part B (independent_test_set_b.yml), scored together.
TEST_SETS = sorted((PROJECT_ROOT / "tests" / "nlu").glob("independent_test_set*.yml"))
REPORT_FILE = PROJECT_ROOT / "results" / "nlu_independent_report.txt"
SUMMARY: list[str] = []


@pytest.fixture(scope="session")
def test_parts() -> dict[str, list[Example]]:
    """The labelled utterances of each part of the independent test set, by file name."""
    return {path.name: load_examples(path) for path in TEST_SETS}


@pytest.fixture(scope="session")
def test_examples(test_parts: dict[str, list[Example]]) -> list[Example]:
    """The labelled utterances of the whole independent test set."""
    return [example for part in test_parts.values() for example in part]


@pytest.fixture(scope="session")
def independent_report(
    test_examples: list[Example], test_parts: dict[str, list[Example]]
) -> Report:
    """The trained model's scores on the independent set (model loaded once, in-process)."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does)")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from rasa.core.agent import Agent  # heavy import: only when the model is needed

    agent = Agent.load(str(MODEL))
    predicted = parse_all(agent, [e.text for e in test_examples])
    report = score(test_examples, predicted)
    text = format_report(report, "NLU independent test set")
    start = 0
    for name, part in test_parts.items():
        accuracy = score(part, predicted[start : start + len(part)]).accuracy
        text += f"\npart {name}: intent accuracy {accuracy:.3f} on {len(part)} utterances"
        start += len(part)
    text += "\n" + _targets(report)
    REPORT_FILE.parent.mkdir(parents=True, exist_ok=True)
    REPORT_FILE.write_text(text + "\n")
    SUMMARY.append(text)
    SUMMARY.append(f"(written to {REPORT_FILE.relative_to(PROJECT_ROOT)})")
    return report


def _targets(report: Report) -> str:
    """Issue 12's targets, each with the measured figure and whether it is met."""
    from tests.nlu.test_independent_set import (
        STATE_CHANGING,
        TARGET_ACCURACY,
        TARGET_STATE_CHANGING_RECALL,
    )

    lines = [f"target accuracy >= {TARGET_ACCURACY}: {report.accuracy:.3f} "
             f"({'met' if report.accuracy >= TARGET_ACCURACY else 'NOT met'})"]  # fmt: skip
    for intent in STATE_CHANGING:
        recall = report.intents[intent].recall if intent in report.intents else 0.0
        met = "met" if recall >= TARGET_STATE_CHANGING_RECALL else "NOT met"
        lines.append(
            f"target recall {intent} >= {TARGET_STATE_CHANGING_RECALL}: {recall:.3f} ({met})"
        )
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show the independent-set report, passed or failed."""
    if SUMMARY:
        terminalreporter.section("NLU independent test set")
        for block in SUMMARY:
            for line in block.splitlines():
                terminalreporter.write_line(line)
