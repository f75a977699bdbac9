"""When to ask about a task again: sparse while it cannot be done, dense when it probably is.

A task's processing time for one model × mode × duration is fairly steady (the same GPU work);
its queue time is not. So the schedule polls lazily while the task is queued, dates the start of
processing from the server's own timestamps (``updated_at − created_at``, free of clock skew),
sleeps until shortly before the expected finish, polls densely across the likely window and
backs off gently when a task runs late. Every finished task teaches ``DurationStats``, so the
window narrows as a session goes on. Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict, deque
from dataclasses import dataclass, field

from .capabilities import expected_generation_seconds

DurationKey = tuple[str, str, str]
"""(model, mode, duration)."""


@dataclass
class DurationStats:
    """Observed processing times per model × mode × duration, with the table as the prior."""

    prior_spread: float = 0.15
    min_spread: float = 0.06
    history: int = 20
    _seen: defaultdict[DurationKey, deque[float]] = field(
        default_factory=lambda: defaultdict(deque)
    )

    def observe(self, key: DurationKey, seconds: float) -> None:
        samples = self._seen[key]
        samples.append(seconds)
        while len(samples) > self.history:
            samples.popleft()

    def estimate(self, key: DurationKey) -> tuple[float, float]:
        """Expected processing seconds and their spread (one standard deviation, in seconds)."""
        samples = self._seen.get(key)
        if not samples:
            expected = expected_generation_seconds(*key)
            return expected, expected * self.prior_spread
        mean = statistics.fmean(samples)
        spread = statistics.stdev(samples) if len(samples) > 1 else mean * self.prior_spread / 2
        return mean, max(spread, mean * self.min_spread)


@dataclass(frozen=True)
class PollSchedule:
    """Delays (client-clock seconds) between status queries for one task.

    Inside the likely window the interval is shortest where a finish is most likely
    (``dense · exp(shape · z²)``, z in standard deviations from the expected finish), so queries
    go where they shorten the detection lag most. Constants were tuned by simulation against
    fixed schedules (see ``bench/polling.py``), for priors both wider and as wide as reality.
    """

    expected: float
    spread: float
    dense: float = 1.5
    shape: float = 0.15
    lead: float = 2.0
    """Standard deviations before the expected finish at which dense polling starts."""
    tail: float = 3.0
    """Standard deviations after it at which a task counts as late."""
    cap: float = 3.0
    min_delay: float = 0.5
    max_sleep: float = 60.0
    max_late_delay: float = 10.0
    queued_fraction: float = 0.25
    queued_bounds: tuple[float, float] = (3.0, 20.0)

    @property
    def sigma(self) -> float:
        return max(self.spread, 1.0)

    def window(self) -> tuple[float, float]:
        """Processing-time range in which the finish is likely."""
        return self.expected - self.lead * self.sigma, self.expected + self.tail * self.sigma

    def next_delay(
        self, status: str, processing_for: float | None, *, server_hint: float | None = None
    ) -> float:
        """The wait before the next query, given the status and seconds spent processing."""
        delay = self._planned(status, processing_for)
        if server_hint is not None:
            delay = max(delay, server_hint)
        return max(delay, self.min_delay)

    def _planned(self, status: str, processing_for: float | None) -> float:
        if status == "submitted" or processing_for is None:
            # Processing is dated from server timestamps, so noticing it late costs nothing.
            low, high = self.queued_bounds
            return min(max(self.expected * self.queued_fraction, low), high)
        start, end = self.window()
        if processing_for < start:
            return min(start - processing_for, self.max_sleep)
        if processing_for <= end:
            z = (processing_for - self.expected) / self.sigma
            return min(self.dense * math.exp(self.shape * z * z), self.cap)
        return min(self.max_late_delay, self.cap + 0.25 * (processing_for - end))
