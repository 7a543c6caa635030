"""A clinically important change in pain, with a floor: one rule, at its boundaries, and
the chart's target line, the summary words and the coach's tables that follow it."""

import math

import matplotlib.pyplot as plt
import pytest

from tests.test_analysis import frame
from upperback.analysis import clinic_table, pain_summary, pain_trend
from upperback.html import clinic_html, summary_html
from upperback.plots import plot_pain_trend
from upperback.progress_words import plain_summary
from upperback.rules import PainChange, important_drop, important_drop_target, pain_change

IMPORTANT, LOW, NOT_YET, UNKNOWN = (
    PainChange.IMPORTANT,
    PainChange.ALREADY_LOW,
    PainChange.NOT_YET,
    PainChange.UNKNOWN,
)


@pytest.mark.parametrize(
    "baseline, now, kind",
    [
        (1.5, 1.0, LOW),  # a third less, but from too little to tell
        (1.9, 0.0, LOW),
        (3.0, 2.1, NOT_YET),  # 30%, but under a point
        (3.0, 2.0, IMPORTANT),  # 33% and a point
        (2.0, 1.0, IMPORTANT),  # a baseline of 2 is not below 2
        (10, 8, IMPORTANT),  # 2 points, only 20%
        (10, 8.1, NOT_YET),
        (5.0, 3.5, IMPORTANT),  # 30% and 1.5 points
        (5.0, 3.6, NOT_YET),
        (4.0, 5.0, NOT_YET),  # a rise
        (0, 0, LOW),
        (None, 2.0, UNKNOWN),
        (3.0, None, UNKNOWN),
        (math.nan, 2.0, UNKNOWN),
    ],
)
def test_one_rule_at_its_boundaries(baseline, now, kind):
    assert pain_change(baseline, now) == kind
    if kind != UNKNOWN:
        assert important_drop(now - baseline, baseline) == (kind == IMPORTANT)


def test_the_target_line_is_where_the_rule_starts_to_count():
    for tenths in range(20, 101):
        baseline = tenths / 10
        target = important_drop_target(baseline)
        assert pain_change(baseline, target) == IMPORTANT, baseline
        assert pain_change(baseline, target + 0.05) == NOT_YET, baseline
    assert important_drop_target(1.9) is None and important_drop_target(0) is None
    assert important_drop_target(math.nan) is None


LOW_LOG = [(0, 2, 2), (3, 1, 1), (40, 1, 1), (42, 1, 1)]  # baseline 1.5, now 1.0
FALL_LOG = [(0, 3, 3), (3, 3, 3), (40, 2, 2), (42, 2, 2)]  # baseline 3.0, now 2.0


def test_below_a_baseline_of_two_the_words_say_pain_was_already_low():
    text = plain_summary(frame(LOW_LOG))
    assert "from 1.5 to 1.0" in text and "was already low at the start" in text
    assert "improvement." not in text.replace("not an improvement.", "")
    coach = plain_summary(frame(LOW_LOG), about="Sam")
    assert "Sam's pain was already low" in coach
    assert "clinically important improvement" in plain_summary(frame(FALL_LOG))


def test_the_chart_draws_no_target_below_a_baseline_of_two():
    _, ax = plt.subplots()
    plot_pain_trend(pain_trend(frame(LOW_LOG)), ax=ax)
    labels = ax.get_legend_handles_labels()[1]
    assert "baseline 1.5 (already low)" in labels
    assert not any(label.startswith("clinically important") for label in labels)
    _, ax = plt.subplots()
    plot_pain_trend(pain_trend(frame(FALL_LOG)), ax=ax)
    assert "clinically important drop (2.0)" in ax.get_legend_handles_labels()[1]


def test_the_coachs_tables_say_the_rules_words():
    low = pain_summary(frame(LOW_LOG)).iloc[0]
    assert not low["responder"] and low["pain_change"] == "pain was already low"
    assert "pain was already low" in summary_html(low)
    assert "pain was already low" in clinic_html(clinic_table(frame(LOW_LOG)))
    fall = pain_summary(frame(FALL_LOG)).iloc[0]
    assert fall["responder"] and fall["pain_change"] == "yes"
    empty = pain_summary(frame([(0, None, None)])).iloc[0]
    assert not empty["responder"] and empty["pain_change"] == "not enough scores"
