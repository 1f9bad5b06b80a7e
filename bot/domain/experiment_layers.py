"""Several experiments at the same time: each one owns the settings its variants change.

A unit is assigned independently in every running experiment (the hash of each experiment's
own key, :func:`bot.domain.experiments.assign`). Experiments may run at the same time when
they change different settings — their *levers* — so each arm's effect is measured on a mix
of the other experiments' arms in their configured proportions (the overlapping-layers
design). Two experiments that change the same setting in the same window are refused: a unit
would get two contradicting values. A holdout (``offers: false``) hides every unsolicited and
retention offer whatever the other experiments set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields, replace

from bot.domain.experiments import Experiment, Variant, VariantSettings

_DEFAULT = VariantSettings()
LEVERS = tuple(f.name for f in fields(VariantSettings))


def levers(experiment: Experiment) -> frozenset[str]:
    """The settings some variant of ``experiment`` sets to a value other than the default."""
    return frozenset(
        name
        for variant in experiment.variants
        for name in LEVERS
        if getattr(variant.settings, name) != getattr(_DEFAULT, name)
    )


def overlap(first: Experiment, second: Experiment) -> bool:
    """Whether the two windows share a moment (start inclusive, stop exclusive)."""
    return first.start < second.stop and second.start < first.stop


def conflict(experiments: Iterable[Experiment]) -> str | None:
    """Why these experiments may not run together, or ``None`` when they may.

    Two experiments conflict when their windows overlap and they change a common setting.
    """
    ordered = sorted(experiments, key=lambda e: (e.start, e.key))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            shared = levers(first) & levers(second)
            if shared and overlap(first, second):
                return (
                    f"{second.key} runs at the same time as {first.key} and both change "
                    f"{', '.join(sorted(shared))}; let one experiment own a setting (or set "
                    "an earlier stop for one of them)"
                )
    return None


def merged_settings(arms: Sequence[tuple[Experiment, Variant]]) -> VariantSettings:
    """The settings a unit gets from its variant in each running experiment.

    Each experiment contributes only its own levers; everything else keeps the default.
    """
    settings = _DEFAULT
    for experiment, variant in arms:
        changes = {name: getattr(variant.settings, name) for name in levers(experiment)}
        settings = replace(settings, **changes)
    return settings
