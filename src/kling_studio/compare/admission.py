"""How many cells may run at once and which goes next: the local side of the account's limit.

Pure bookkeeping (no clock, no I/O), so the scheduler's rules can be tested on their own. The
limit starts where the caller puts it and only comes down: a 1303 while ``running`` of our tasks
are on the server says the account holds no more than that many for us (at least 1). Cells wait
ordered by their place in the plan, and every cell that started came off the front, so a refused
cell goes back ahead of every cell that never started.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field


@dataclass
class Admission:
    limit: int
    waiting: list[int] = field(default_factory=list)
    """Plan positions of the cells not started yet (a heap)."""
    active: int = 0
    """Cells holding a slot: being prepared, created or followed."""
    running: int = 0
    """Of those, tasks the server accepted and that have not been seen to end."""

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise ValueError(f"concurrency: must be at least 1 (got {self.limit})")
        heapq.heapify(self.waiting)

    def queue(self, position: int) -> None:
        heapq.heappush(self.waiting, position)

    def start(self) -> int | None:
        """The next cell to start (it takes a slot), or None while all slots are taken."""
        if not self.waiting or self.active >= self.limit:
            return None
        self.active += 1
        return heapq.heappop(self.waiting)

    def accepted(self) -> None:
        """A cell's task is on the server (created, or resumed unfinished)."""
        self.running += 1

    def refused(self, position: int) -> None:
        """The server answered 1303: hold no more than it holds for us; try this cell first."""
        self.limit = max(1, self.running)
        self.active -= 1
        heapq.heappush(self.waiting, position)

    def ended(self, *, running: bool) -> None:
        """A cell gave its slot back (``running``: its task had been on the server)."""
        self.active -= 1
        self.running -= running

    @property
    def idle(self) -> bool:
        return not self.waiting and self.active == 0
