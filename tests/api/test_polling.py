"""The adaptive poll schedule: sparse early, dense near the expected finish, learning as it goes."""

from __future__ import annotations

from kling_studio.api.polling import DurationStats, PollSchedule

KEY = ("kling-v2-1", "std", "5")


def simulate(schedule: PollSchedule, finish: float) -> tuple[int, float]:
    """Queries needed and detection lag for a task processing for ``finish`` seconds."""
    t, polls = 0.0, 0
    while t < finish:
        t += schedule.next_delay("processing", t)
        polls += 1
    return polls, t - finish


def test_queued_tasks_are_polled_lazily_but_regularly():
    delay = PollSchedule(expected=120, spread=10).next_delay("submitted", None)
    assert 3 <= delay <= 30


def test_sleeps_until_shortly_before_the_expected_finish():
    schedule = PollSchedule(expected=120, spread=6)
    start, end = schedule.window()
    t, early_polls = 0.0, 0
    while t < start:
        t += schedule.next_delay("processing", t)
        early_polls += 1
    assert t == start
    assert early_polls == 2  # capped at max_sleep so a failure is still noticed within a minute
    assert schedule.next_delay("processing", 120) == schedule.dense
    assert schedule.next_delay("processing", 110) > schedule.dense  # sparser away from the mean
    assert start < 120 < end


def test_backs_off_when_late_but_stays_bounded():
    schedule = PollSchedule(expected=120, spread=6)
    late = [schedule.next_delay("processing", t) for t in (140, 200, 1000)]
    assert late == sorted(late)
    assert late[-1] == schedule.max_late_delay


def test_beats_fixed_five_seconds_inside_the_window():
    schedule = PollSchedule(expected=120, spread=6)
    for finish in (110, 118, 120, 125, 131):
        polls, lag = simulate(schedule, finish)
        assert lag <= 2.0
        assert polls < finish / 5


def test_server_hint_is_honoured():
    schedule = PollSchedule(expected=120, spread=6)
    assert schedule.next_delay("processing", 119, server_hint=7.0) == 7.0


def test_duration_stats_learn_and_narrow():
    stats = DurationStats()
    prior_mean, prior_spread = stats.estimate(KEY)
    for seconds in (60, 62, 61, 59, 60):
        stats.observe(KEY, seconds)
    mean, spread = stats.estimate(KEY)
    assert abs(mean - 60.4) < 0.01
    assert spread < prior_spread
    assert prior_mean != mean
