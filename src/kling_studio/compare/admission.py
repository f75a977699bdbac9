"""How many cells may run at once and which goes next: the local side of the account's limit.

Pure bookkeeping (no clock, no I/O), so the scheduler's rules can be tested on their own. The
limit starts where the caller puts it and only comes down: a 1303 while ``running`` of our tasks
are on the server says the account holds no more than that many for us (at least 1). Cells wait
ordered by their place in the plan, and every cell that started came off the front, so a refused
cell goes back ahead of every cell that never started.

Invariants, checked after every change (a broken one is a bug in the scheduler, so it raises
``AssertionError``): a cell is waiting, holding a slot, or neither — never two of these, and
never waiting twice; ``0 <= running <= active``; ``1 <= limit`` and the limit never rises.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field


@dataclass
class Admission:
    limit: int
    waiting: list[int] = field(default_factory=list)
    """Plan positions of the cells not started yet (a heap)."""
    holding: dict[int, bool] = field(default_factory=dict)
    """Cells holding a slot (being prepared, created or followed) → whether their task is on
    the server (accepted and not yet seen to end)."""

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise ValueError(f"concurrency: must be at least 1 (got {self.limit})")
        heapq.heapify(self.waiting)
        self._ceiling = self.limit
        self._check()

    @property
    def active(self) -> int:
        return len(self.holding)

    @property
    def running(self) -> int:
        return sum(self.holding.values())

    @property
    def idle(self) -> bool:
        return not self.waiting and not self.holding

    def queue(self, position: int) -> None:
        assert position not in self.holding, f"cell {position} is queued while it holds a slot"
        heapq.heappush(self.waiting, position)
        self._check()

    def start(self) -> int | None:
        """The next cell to start (it takes a slot), or None while all slots are taken."""
        if not self.waiting or self.active >= self.limit:
            return None
        position = heapq.heappop(self.waiting)
        self.holding[position] = False
        self._check()
        return position

    def accepted(self, position: int) -> None:
        """The cell's task is on the server (created, or resumed unfinished)."""
        assert self.holding.get(position) is False, f"cell {position} accepted twice or unstarted"
        self.holding[position] = True

    def refused(self, position: int) -> None:
        """The server answered 1303: hold no more than it holds for us; try this cell first."""
        assert self.holding.get(position) is False, f"cell {position} refused after acceptance"
        del self.holding[position]
        self.limit = max(1, min(self.limit, self.running))
        heapq.heappush(self.waiting, position)
        self._check()

    def ended(self, position: int) -> None:
        """The cell gave its slot back (its task ended, failed to start, or was saved)."""
        assert position in self.holding, f"cell {position} ended without holding a slot"
        del self.holding[position]

    def _check(self) -> None:
        assert 1 <= self.limit <= self._ceiling, f"limit {self.limit} rose or fell below 1"
        assert len(set(self.waiting)) == len(self.waiting), "a cell waits twice"
        assert not set(self.waiting) & self.holding.keys(), "a cell waits while it holds a slot"
        self._ceiling = self.limit
