"""How one create is tried: two budgets and one flag, as a small pure state machine.

A create can fail in two unrelated ways. **The account is busy** (1303): nothing went wrong, a
slot will free up; these waits draw on ``slot_wait`` seconds and forget earlier failures, so a
long wait for a slot does not leave a later 5001 without its retries. **Something failed**
(5001, a dropped connection, 1302…): these draw on ``RetryPolicy.attempts``. And once any
failure was *ambiguous* (the POST may have landed), the create must be looked up by its external
id before it is sent again or given up on — that flag never clears, because the task an earlier
attempt may have made does not go away.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import (
    ConcurrencyLimitError,
    KlingError,
    ProtocolError,
    ServerError,
    TransportError,
)
from .retry import RetryPolicy

AMBIGUOUS = (TransportError, ServerError, ProtocolError)
"""Failures after which a create may or may not have happened."""


@dataclass
class CreateAttempts:
    """The state of one create's tries. ``wait_after`` records a failure and says whether (and
    how long) to wait before sending again.

    Invariants (``tests/api/test_attempts.py``): ``failures < policy.attempts`` while retrying;
    ``slot_waited`` never passes ``slot_wait`` by more than one wait; ``ambiguous`` only ever
    goes from False to True.
    """

    policy: RetryPolicy
    slot_wait: float
    failures: int = 0
    slot_waits: int = 0
    slot_waited: float = 0.0
    ambiguous: bool = False

    def wait_after(self, error: KlingError) -> float | None:
        """Seconds to wait before the next try, or None: give up with ``error``."""
        if isinstance(error, ConcurrencyLimitError):
            return self._wait_for_slot(error)
        self.ambiguous = self.ambiguous or isinstance(error, AMBIGUOUS)
        self.failures += 1
        if not error.retryable or self.failures >= self.policy.attempts:
            return None
        return self.policy.delay(self.failures, retry_after=getattr(error, "retry_after", None))

    def _wait_for_slot(self, error: ConcurrencyLimitError) -> float | None:
        if self.slot_waited >= self.slot_wait:
            return None
        self.slot_waits += 1
        self.failures = 0  # a busy account is not a failure: later errors get all their retries
        delay = self.policy.delay(self.slot_waits, retry_after=error.retry_after, slot=True)
        self.slot_waited += delay
        return delay
