from verging_desktop.core.eta import Eta


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_time_left_from_real_progress() -> None:
    c = Clock()
    e = Eta(c)
    e.update(0, 10_000_000)
    assert e.seconds_left() is None  # nothing measured yet
    for _ in range(4):  # 1 MB/s
        c.t += 0.5
        e.update(e.done + 500_000, 10_000_000)
    assert e.done == 2_000_000
    left = e.seconds_left()
    assert left is not None and abs(left - 8.0) < 0.01


def test_rate_is_smoothed_and_a_retry_starts_again() -> None:
    c = Clock()
    e = Eta(c)
    e.update(0, 4_000_000)
    c.t += 1
    e.update(1_000_000, 4_000_000)   # 1 MB/s
    c.t += 1
    e.update(1_100_000, 4_000_000)   # a stall: 0.1 MB/s
    assert e.rate is not None and 0.1e6 < e.rate < 1e6  # between the two: not the stall alone
    c.t += 1
    e.update(0, 4_000_000)           # the upload started again
    assert e.seconds_left() is None
    e2 = Eta(c)
    e2.update(0, None)
    c.t += 1
    e2.update(10, None)
    assert e2.seconds_left() is None  # unknown size: no figure
