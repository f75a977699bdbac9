"""Makespan of a 24-cell sweep: our scheduler against the lower bound and all-at-once baselines.

Run: ``.venv/bin/python bench/sweep.py [--runs 3] [--speed 20] [--seed 11]``

Each strategy runs the same 24 requests (kling-v1: cfg_scale × 6, mode std/pro, two takes) on a
fresh emulator with an account limit of 5 concurrent tasks and a fixed task duration (queue 0 s,
processing 60 s, no rendering, so encoding on this machine does not distort the timing). Times
are virtual seconds on the emulator's clock, which runs ``--speed`` times faster than real time.
The lower bound is ceil(24 / 5) × 60 s: five full waves with no gap between them.

- ours: ``Sweep`` with concurrency 5 (the real limit), and starting at 10 (it must learn 5 from
  the first 1303 answers);
- client backoff: all 24 creates at once through ``AsyncKlingClient.create``, which waits out
  1303 with exponential backoff and jitter (so a freed slot sits idle until the next try);
- naive: all 24 creates at once, no queue and no retry: every 1303 loses its cell.

Makespan runs from the first create to the moment the last task is seen finished; the table shows
medians over ``--runs`` runs. Targets: ours ≤ 1.15 × the bound, no lost cells.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import statistics
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from kling_studio import AsyncKlingClient, ConcurrencyLimitError, Image2VideoRequest
from kling_studio.api.connection import Connection
from kling_studio.api.retry import NO_RETRY, RetryPolicy
from kling_studio.compare import Sweep, plan_sweep
from kling_studio.compare.plan import SweepPlan
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

LIMIT = 5
SECONDS = 60.0
VARY = {"cfg_scale": [0.1, 0.25, 0.4, 0.55, 0.7, 0.85], "mode": ["std", "pro"]}
TAKES = 2


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts creates answered 429 (the emulator's 1303) on top of the in-process transport."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.refused += request.method == "POST" and response.status_code == 429
        return response


@dataclass(frozen=True)
class Outcome:
    makespan: float
    succeeded: int
    lost: int
    refused: int


Strategy = Callable[[Connection, SweepPlan], Awaitable[tuple[int, int]]]
"""Runs the plan; returns (cells succeeded, cells lost to 1303)."""


def ours(concurrency: int) -> Strategy:
    async def run(connection: Connection, plan: SweepPlan) -> tuple[int, int]:
        async with AsyncKlingClient(connection=connection) as client:
            sweep = Sweep(client, plan, directory=None, concurrency=concurrency)
            results = await sweep.run()
        succeeded = sum(r.status == "succeed" for r in results)
        return succeeded, sum("1303" in r.error for r in results)

    return run


def all_at_once(retry: RetryPolicy) -> Strategy:
    async def run(connection: Connection, plan: SweepPlan) -> tuple[int, int]:
        async with AsyncKlingClient(connection=connection, retry=retry) as client:

            async def one(request: Image2VideoRequest) -> bool:
                try:
                    task = await client.create(request, notify=lambda _: None)
                except ConcurrencyLimitError:
                    return False
                return (await client.wait(task)).succeeded

            done = await asyncio.gather(*(one(cell.request) for cell in plan.cells))
        return sum(done), done.count(False)

    return run


async def measure(strategy: Strategy, speed: float, seed: int) -> Outcome:
    config = EmulatorConfig(
        speed=speed,
        queue_seconds=0,
        processing_seconds=SECONDS,
        concurrency=LIMIT,
        render=False,
        seed=seed,
    )
    with Emulator(config) as emulator:
        base = emulator_connection(emulator)
        counting = CountingTransport(emulator.transport())
        connection = Connection(base.provider, counting, base.clock, emulated=True)
        plan = plan_sweep(
            Image2VideoRequest(image=landscape(480, 320), model_name="kling-v1", prompt="sea"),
            VARY,
            repeats=TAKES,
            docs=base.provider.docs,
        )
        started = base.clock.now()
        succeeded, lost = await strategy(connection, plan)
        return Outcome(base.clock.now() - started, succeeded, lost, counting.refused)


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--runs", type=int, default=3)
    cli.add_argument("--speed", type=float, default=20.0)
    cli.add_argument("--seed", type=int, default=11)
    args = cli.parse_args()
    cells = len(VARY["cfg_scale"]) * len(VARY["mode"]) * TAKES
    bound = math.ceil(cells / LIMIT) * SECONDS
    strategies: dict[str, Strategy] = {
        f"ours, concurrency {LIMIT}": ours(LIMIT),
        f"ours, starting at {2 * LIMIT} (learns {LIMIT})": ours(2 * LIMIT),
        "client backoff, all at once": all_at_once(RetryPolicy(rng=random.Random(args.seed))),
        "naive, all at once, no retry": all_at_once(NO_RETRY),
    }
    print(
        f"\n{cells} cells, account limit {LIMIT}, tasks of {SECONDS:g} s, lower bound "
        f"{bound:g} s; emulator at {args.speed:g}× speed; medians of {args.runs} runs\n"
    )
    print(
        "| strategy | makespan s (virtual) | ratio to bound | cells succeeded | cells lost "
        "| creates refused (1303) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, strategy in strategies.items():
        print(f"running {name} …", file=sys.stderr, flush=True)
        runs = [asyncio.run(measure(strategy, args.speed, args.seed)) for _ in range(args.runs)]
        makespan = statistics.median(r.makespan for r in runs)
        succeeded = statistics.median(r.succeeded for r in runs)
        lost = statistics.median(r.lost for r in runs)
        refused = statistics.median(r.refused for r in runs)
        print(
            f"| {name} | {makespan:.1f} | {makespan / bound:.3f} | {succeeded:g} | {lost:g} "
            f"| {refused:g} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
