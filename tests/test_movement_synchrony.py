"""Movement synchrony on series with a known lag, at any sampling rate (no media needed)."""

import numpy as np

from attunement.recordings.motion import episodes, movement_synchrony


def test_a_known_lag_and_leader_are_found_at_one_sample_a_second():
    rng = np.random.default_rng(3)
    a = (rng.random(900) > 0.7).astype(float)  # someone looking or moving in bursts, once a second, for 15 minutes
    b = np.roll(a, 2) * 0.8 + 0.2 * rng.random(900)  # the other follows two seconds later
    found = movement_synchrony(np.stack([a, b]), names=("therapist", "client"), rate=1.0)
    assert found["lag_s"] == 2.0 and found["leader"] == "therapist" and found["p"] <= 0.05 and found["r"] > 0.5
    unrelated = movement_synchrony(np.stack([a, rng.random(900)]), rate=1.0)
    assert unrelated["leader"] is None and unrelated["p"] > 0.05


def test_too_short_or_motionless_series_have_no_synchrony():
    assert movement_synchrony(np.zeros((2, 50)), rate=10.0)["r"] is None
    assert movement_synchrony(np.ones((2, 30)), rate=1.0)["r"] is None


def test_stillness_is_five_seconds_without_motion():
    energy = np.concatenate([np.full(30, 0.05), np.zeros(60), np.full(30, 0.05)])  # 10 samples a second
    assert episodes(energy) == [("stillness", 3.0, 9.0)]
