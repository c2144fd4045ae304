"""A verdict's sentence states its hurdle before its numbers, on every page (they all print ``one_line``)."""

from aitheme.backtests.judging.wording import one_line


def _verdict(check: dict, months: int = 12) -> dict:
    horizon = {"from": "2023-05-25", "to": "2024-05-24", "complete": True}
    return {"status": "right", "months": months, "checks": check, "horizon": horizon}


def test_a_beat_states_the_benchmark_the_margin_and_the_horizon():
    check = {"value": 0.071, "strategy": 0.30, "benchmark": "SOXX", "benchmark_return": 0.229, "margin": 0.05}
    text = one_line(_verdict({"excess_return": check}))
    assert (
        text == "right: beat SOXX by more than 5 pt over 12 months: +7.1% (+30.0% vs +22.9%) (2023-05-25 to 2024-05-24)"
    )


def test_an_absolute_return_and_a_trail_state_their_bars():
    absolute = one_line(_verdict({"absolute_return": {"value": 0.326, "threshold": 0.2}}))
    assert absolute.startswith("right: +20% or more over 12 months: +32.6%")
    trail = {
        "value": -0.33,
        "strategy": -0.4,
        "benchmark": "XBI",
        "benchmark_return": -0.07,
        "margin": 0.0,
        "expects": "trail",
    }
    assert one_line(_verdict({"excess_return": trail})).startswith("right: trail XBI over 12 months: -33.0%")
