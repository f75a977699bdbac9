"""A seeded plan of injected failures, so retry and recovery paths can be tested on purpose, and
of disobeying renders (``disobey.py``), so a motion check can be tested against wrong videos."""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal, cast

from .disobey import SETTINGS, Disobedience, disobedience
from .errors import ERRORS

FaultEndpoint = Literal["create", "query", "list", "file", "render", "any"]
FAULT_ENDPOINTS: Final[tuple[FaultEndpoint, ...]] = (
    "create",
    "query",
    "list",
    "file",
    "render",
    "any",
)
API_ENDPOINTS: Final = frozenset({"create", "query", "list"})
"""What ``any`` covers: the API's calls. Result files (the CDN's part) only match ``file``;
``render`` (drawn once as each task's render starts) only the disobediences."""

BEHAVIOURS: Final[Mapping[str, str]] = {
    "slow": "answer normally after `delay` real seconds",
    "slow_answer": "do the work (a create makes its task), then hold the answer `delay` seconds",
    "drop_after_create": "do the work (a create makes its task), then cut the connection",
    "html": "HTTP 502 with an HTML proxy page",
    "redirect": "HTTP 301 to another path, as CometAPI does for a bad path",
}
"""Fault kinds that are not a Kling error code."""

DISOBEDIENCE_KINDS: Final = tuple(SETTINGS)
"""Render faults: the task succeeds, but its video does not show the motion that was asked."""

FAULT_KINDS: Final = (
    *BEHAVIOURS,
    *(str(code) for code in ERRORS if code >= 1100),
    *DISOBEDIENCE_KINDS,
)
"""Every injectable kind: the behaviours, each non-auth Kling error code (e.g. ``"5001"``) and
the disobediences."""
FIELDS: Final = frozenset(
    {"kind", "endpoint", "times", "probability", "delay", "retry_after", "area", "angle", "share"}
)
"""What the admin endpoint's JSON may set on a rule."""


@dataclass
class FaultRule:
    """Fire ``kind`` on the next ``times`` requests to ``endpoint``, or with ``probability``."""

    kind: str
    endpoint: FaultEndpoint = "any"
    times: int | None = None
    probability: float | None = None
    delay: float = 1.0
    """Real seconds, for ``slow``."""
    retry_after: float | None = None
    """Virtual seconds (the emulator's clock) sent in ``Retry-After`` with error codes."""
    area: int | None = None
    """Disobediences on paths: the 1-based dynamic area affected; None: all of them."""
    angle: float | None = None
    """``rotate_path``: degrees turned; ``static_leak``: the drift's direction (``disobey``)."""
    share: float | None = None
    """``shorten_path``: of the path travelled; ``static_leak``: of the diagonal drifted."""

    @property
    def code(self) -> int | None:
        """The Kling error code this rule answers with, or None for a behaviour."""
        return int(self.kind) if self.kind.isdigit() else None

    @property
    def disobedience(self) -> Disobedience | None:
        """What a render does instead of obeying, for a disobedience kind; else None."""
        if self.kind not in SETTINGS:
            return None
        return Disobedience(self.kind, area=self.area, angle=self.angle, share=self.share)


class FaultPlan:
    """Rules checked in the order added; the first that fires answers the request.

    Probabilistic rules draw from a generator seeded by the emulator's seed, so a run with the
    same requests in the same order meets the same faults.
    """

    def __init__(self, seed: int = 0) -> None:
        self._rng = random.Random(f"faults:{seed}")
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []

    def add(
        self,
        kind: str,
        *,
        endpoint: FaultEndpoint | None = None,
        times: int | None = None,
        probability: float | None = None,
        delay: float = 1.0,
        retry_after: float | None = None,
        area: int | None = None,
        angle: float | None = None,
        share: float | None = None,
    ) -> FaultRule:
        """Add a rule; with neither ``times`` nor ``probability`` it fires once.

        ``endpoint`` defaults to ``any`` (the API's calls), and to ``render`` for a
        disobedience, the one endpoint they fire on; ``area``, ``angle`` and ``share`` are the
        disobediences' settings (``disobey.SETTINGS`` says which kind takes which).
        """
        kind = str(kind)
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; choose from {', '.join(FAULT_KINDS)}")
        endpoint = endpoint or ("render" if kind in SETTINGS else "any")
        if endpoint not in FAULT_ENDPOINTS:
            raise ValueError(f"endpoint must be one of {', '.join(FAULT_ENDPOINTS)}")
        if (endpoint == "render") != (kind in SETTINGS):
            raise ValueError(
                f"the render endpoint takes the disobediences ({', '.join(SETTINGS)}) "
                f"and they take only it, got {kind} on {endpoint}"
            )
        if kind in SETTINGS:
            resolved = disobedience(kind, area=area, angle=angle, share=share)
            area, angle, share = resolved.area, resolved.angle, resolved.share
        else:
            _no_settings(kind, area=area, angle=angle, share=share)
        if times is not None and probability is not None:
            raise ValueError("give times or probability, not both")
        if probability is not None and not 0 <= probability <= 1:
            raise ValueError(f"probability must be in [0, 1], got {probability}")
        if times is not None and times < 1:
            raise ValueError(f"times must be >= 1, got {times}")
        if delay < 0 or (retry_after is not None and retry_after < 0):
            raise ValueError("delay and retry_after must be >= 0")
        rule = FaultRule(
            kind=kind,
            endpoint=endpoint,
            times=1 if times is None and probability is None else times,
            probability=probability,
            delay=delay,
            retry_after=retry_after,
            area=area,
            angle=angle,
            share=share,
        )
        with self._lock:
            self._rules.append(rule)
        return rule

    def add_from_json(self, spec: object) -> list[FaultRule]:
        """Rules from the admin endpoint's JSON: one object or a list of them."""
        items = spec if isinstance(spec, list) else [spec]
        rules = []
        for item in items:
            if not isinstance(item, Mapping) or "kind" not in item:
                raise ValueError('each fault must be an object with a "kind"')
            unknown = set(item) - FIELDS
            if unknown:
                raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
            rules.append(
                self.add(
                    str(item["kind"]),
                    endpoint=cast(FaultEndpoint | None, item.get("endpoint")),
                    times=_whole(item, "times"),
                    probability=_number(item, "probability"),
                    delay=_default(_number(item, "delay"), 1.0),
                    retry_after=_number(item, "retry_after"),
                    area=_whole(item, "area"),
                    angle=_number(item, "angle"),
                    share=_number(item, "share"),
                )
            )
        return rules

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> tuple[FaultRule, ...]:
        with self._lock:
            return tuple(self._rules)

    def draw(self, endpoint: FaultEndpoint) -> FaultRule | None:
        """The rule that fires for this request, if any; a counted rule is used up."""
        with self._lock:
            for rule in self._rules:
                covered = rule.endpoint == endpoint or (
                    rule.endpoint == "any" and endpoint in API_ENDPOINTS
                )
                if not covered:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times == 0:
                        self._rules.remove(rule)
                    return rule
                if self._rng.random() < (rule.probability or 0.0):
                    return rule
        return None

    def disobedience(self) -> Disobedience | None:
        """Drawn once as a task's render starts: how that render disobeys, or None to obey."""
        rule = self.draw("render")
        return rule.disobedience if rule is not None else None


def _number(item: Mapping[str, object], key: str) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number, got {value!r}")
    return float(value)


def _whole(item: Mapping[str, object], key: str) -> int | None:
    value = _number(item, key)
    if value is not None and not value.is_integer():
        raise ValueError(f"{key} must be a whole number, got {value}")
    return None if value is None else int(value)


def _no_settings(kind: str, *, area: int | None, angle: float | None, share: float | None) -> None:
    """Error codes and behaviours take none of the disobediences' settings."""
    given = [
        name
        for name, value in (("area", area), ("angle", angle), ("share", share))
        if value is not None
    ]
    if given:
        raise ValueError(f"{kind} does not take {', '.join(given)}")


def _default(value: float | None, default: float) -> float:
    return default if value is None else value
