"""The demo clinic's clients rated activities of their own: one improves for real, one
hardly moves, one gets worse, so the words and chart show each case at once."""

from upperback.demo import DEMO_ACTIVITIES, make_demo
from upperback.function_words import function_lines, function_progress
from upperback.rules import FunctionTrend


def test_three_demo_clients_show_better_steady_and_worse(clinic):
    trends = {
        name: function_progress(clinic.function_scores(name)).trend for name in DEMO_ACTIVITIES
    }
    assert list(trends.values()) == [
        FunctionTrend.BETTER,
        FunctionTrend.NOT_YET,
        FunctionTrend.WORSE,
    ]
    ana = function_lines(clinic.function_scores("Demo: Ana (improving)"))
    assert "Reaching a high shelf: 3 → 8 (a real change)" in ana
    assert all(len(clinic.function_scores(name)) == 8 for name in DEMO_ACTIVITIES)  # fortnightly


def test_the_demo_is_written_once(clinic, library):
    make_demo(clinic, library)
    assert len(clinic.function_scores("Demo: Ben (plateau)")) == 8
