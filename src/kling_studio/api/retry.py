"""When to try again: exponential backoff with equal jitter, honouring ``Retry-After``.

Equal jitter (a wait drawn between half the backoff and all of it) rather than full jitter
(anywhere from zero): clients still spread out, but none tries again at once — a service that
answered 1302/1303/5001 asked us to slow down, and a retry a few milliseconds later only adds
load (and, for a create, another chance of an ambiguous answer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` counts the first try; waits are in seconds of the client's clock.

    Concurrency answers (1303) mean "wait for a slot", not "something broke", so they get their
    own, much longer, budget (``slot_wait``).
    """

    attempts: int = 5
    base: float = 1.0
    factor: float = 2.0
    max_delay: float = 30.0
    slot_wait: float = 1800.0
    slot_max_delay: float = 15.0
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay(self, attempt: int, *, retry_after: float | None = None, slot: bool = False) -> float:
        """The wait before try ``attempt + 1`` (``attempt`` counts from 1)."""
        cap = self.slot_max_delay if slot else self.max_delay
        ceiling = min(cap, self.base * self.factor ** (attempt - 1))
        jittered = self.rng.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            return max(retry_after, jittered if slot else 0.0)
        return jittered


NO_RETRY = RetryPolicy(attempts=1, slot_wait=0.0)
