"""The kill test, short: a client process killed at each stage of a paid task, then
``kling-studio resume``; nothing lost, nothing created twice, every video saved once and playable.

The emulator runs as its own server process; ``bench/kill.py`` is the same harness with 20 kills.
"""

from __future__ import annotations

import pytest
from bench.kill import STAGES, run


@pytest.mark.timeout(600)
def test_killed_clients_lose_nothing_and_pay_once(tmp_path):
    kills = len(STAGES) + 1  # the extra round kills "before the POST" right after filing
    result, rounds = run(tmp_path, kills, seed=1)
    assert [stage for stage, _ in rounds].count(STAGES[0]) == 2
    assert result.disagreements == []
    assert result.lost == 0
    assert result.created_twice == 0
    assert result.saved_not_once == 0
    assert result.unplayable == 0
    assert result.resume_exit == 0
    # every stage was really reached: the journal held what each stage means at its kill
    held = dict(rounds[1:4])
    assert held["between the POST and its answer"] == "sending (no task id)"
    assert held["while waiting"] in ("submitted", "processing")
    assert held["while downloading"] == "succeed"
    assert rounds[4][1] == "sending (no task id)" and result.not_created >= 1
