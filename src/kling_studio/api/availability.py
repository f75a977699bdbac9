"""Where a feature is available, in the words a reason uses: "kling-v1 std/pro 5 s, kling-v1-5
pro 5 s". Read from the capability table, so a "not on this model" message always says where to
go instead. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .capabilities import MODELS, STD_PRO, Feature, ModelSpec, Slot


def _seconds(durations: Iterable[str]) -> str:
    ordered = sorted(set(durations), key=int)
    if len(ordered) > 2 and [int(d) for d in ordered] == list(
        range(int(ordered[0]), int(ordered[-1]) + 1)
    ):
        return f"{ordered[0]}–{ordered[-1]} s"
    return f"{'/'.join(ordered)} s"


def slots_text(slots: Iterable[Slot]) -> str:
    """``{(std, 5), (pro, 5), (pro, 10)}`` → "std 5 s, pro 5/10 s" ("std/pro 5 s" when alike)."""
    by_mode: dict[str, list[str]] = {}
    for mode, duration in slots:
        by_mode.setdefault(mode, []).append(duration)
    if not by_mode:
        return ""
    texts = {mode: _seconds(by_mode[mode]) for mode in STD_PRO if mode in by_mode}
    if len(set(texts.values())) == 1:
        return f"{'/'.join(texts)} {next(iter(texts.values()))}"
    return ", ".join(f"{mode} {text}" for mode, text in texts.items())


def on_model(spec: ModelSpec, features: Iterable[Feature]) -> str:
    """Where ``spec`` offers any of ``features`` ("" when it offers none)."""
    return slots_text({slot for feature in features for slot in spec.slots_for(feature)})


def where_available(features: Iterable[Feature], models: Mapping[str, ModelSpec] = MODELS) -> str:
    """Every model × mode × duration offering any of ``features``: "kling-v1 std/pro 5 s,
    kling-v1-5 pro 5 s" ("no model in the table" when none does)."""
    wanted = tuple(features)
    places = [
        f"{name} {where}" for name, spec in models.items() if (where := on_model(spec, wanted))
    ]
    return ", ".join(places) or "no model in the table"
