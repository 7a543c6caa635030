"""Next week's decision table on hand-built logs: every row, each boundary, and conflicts.

Each log is a list of sessions, oldest first: (pain before, pain after, effort, every set
done). None is a score that was not logged.
"""

import random
from datetime import date, timedelta

import pytest

from upperback.rules import DECISION_TABLE, Advice, ItemSession, deciding_row, judge

FIRST = date(2026, 11, 10)
EASY = (3, 2, 3.0, True)


def sessions(*rows):
    return [ItemSession(FIRST + timedelta(days=2 * n), *row) for n, row in enumerate(rows)]


STOP, EASE, KEEP, UP = Advice.STOP, Advice.EASE_OFF, Advice.KEEP, Advice.PROGRESS
CASES = {
    # pain of 8 or more, or a warning sign: stop and see a professional
    "pain 8 after": ([EASY, (3, 8, 3.0, True)], {}, STOP),
    "pain 8 at the start": ([EASY, (8, 4, 3.0, True)], {}, STOP),
    "pain 10": ([EASY, (10, 10, 5.0, True)], {}, STOP),
    "pain 7 is ease off, not stop": ([EASY, (3, 7, 3.0, True)], {}, EASE),
    "warning sign not cleared": ([EASY, EASY], {"warning_sign": True}, STOP),
    "warning sign with no sessions": ([], {"warning_sign": True}, STOP),
    # ease off
    "pain 6": ([EASY, (4, 6, 3.0, True)], {}, EASE),
    "pain 5 is acceptable": ([EASY, (4, 5, 3.0, True), (4, 4, 3.0, True)], {}, KEEP),
    "rise of 2 in a session": ([EASY, (2, 4, 3.0, True)], {}, EASE),
    "rise of 1 in a session": ([(3, 3, 3.0, True), (3, 4, 3.0, True)], {}, KEEP),
    "start 2 above the time before": ([(2, 2, 3.0, True), (4, 3, 3.0, True)], {}, EASE),
    "start 1 above the time before": ([(2, 2, 3.0, True), (3, 2, 3.0, True)], {}, KEEP),
    "start rising by 2 over the window": (
        [(2, 2, 3.0, True), (3, 3, 3.0, True), (4, 4, 3.0, True)],
        {},
        EASE,
    ),
    "start rising by 1 over the window": (
        [(2, 2, 3.0, True), (2, 2, 3.0, True), (3, 3, 3.0, True)],
        {},
        KEEP,
    ),
    "creeping 2, 3, 4, 5: the last three": (
        [(2, 2, 3.0, True), (3, 3, 3.0, True), (4, 4, 3.0, True), (5, 5, 3.0, True)],
        {},
        EASE,
    ),
    # keep
    "no sessions": ([], {}, KEEP),
    "one session": ([EASY], {}, KEEP),
    "no pain scores at all": ([(None, None, 2.0, True)] * 3, {}, KEEP),
    "pain after missing once": ([EASY, (3, None, 3.0, True), EASY], {}, KEEP),
    "effort missing once": ([EASY, (3, 2, None, True), EASY], {}, KEEP),
    "missed sessions": ([EASY, EASY, EASY], {"planned": 6}, KEEP),
    "a set missed": ([EASY, (3, 2, 3.0, False), EASY], {}, KEEP),
    "effort 4, the working range": ([EASY, (3, 2, 4.0, True)], {}, KEEP),
    "effort 7, above it": ([EASY, (3, 2, 7.0, True)], {}, KEEP),
    "pain after higher than at first": ([(3, 1, 3.0, True), (3, 2, 3.0, True)], {}, KEEP),
    # one step up
    "easy, every set, pain steady": ([EASY, EASY, EASY], {}, UP),
    "easy, pain falling": ([(4, 3, 3.0, True), (3, 2, 2.0, True)], {}, UP),
    "effort 3.5, just below": ([EASY, (3, 2, 3.5, True)], {}, UP),
    # pain always wins
    "pain 8 with low effort and every set done": (
        [EASY, EASY, (2, 8, 1.0, True)],
        {},
        STOP,
    ),
    "pain 6 with sets missed": ([(3, 6, 3.0, False), (3, 2, 3.0, False)], {}, EASE),
    "pain 6 with effort missing": ([EASY, (6, 4, None, True)], {}, EASE),
    "rise of 2 with missed sessions": ([EASY, (2, 4, 3.0, True)], {"planned": 10}, EASE),
    "warning sign beats easy sessions": ([EASY] * 3, {"warning_sign": True}, STOP),
}


@pytest.mark.parametrize("log, options, advice", CASES.values(), ids=CASES.keys())
def test_each_row_and_boundary(log, options, advice):
    options = {"planned": len(log), "done": len(log), **options}
    verdict = judge(sessions(*log), **options)
    assert verdict.advice == advice, verdict.reason
    assert verdict.reason and "CR10" not in verdict.reason and "_" not in verdict.reason


def test_every_row_of_the_table_is_reached_by_a_case():
    reached = set()
    for log, options, _ in CASES.values():
        options = {"planned": len(log), "done": len(log), **options}
        reached.add(deciding_row(sessions(*log), **options).when)
    assert reached == {row.when for row in DECISION_TABLE}


def test_every_row_names_its_source_and_reads_top_to_bottom_by_severity():
    order = [STOP, EASE, KEEP, UP]
    ranks = [order.index(row.advice) for row in DECISION_TABLE]
    assert ranks == sorted(ranks)  # pain and safety first: they always win
    assert all(row.source and row.when for row in DECISION_TABLE)


def test_stop_says_to_see_a_professional_and_offers_no_dose():
    verdict = judge(sessions(EASY, (3, 9, 3.0, True)), planned=2, done=2)
    assert "Pain reached 9 of 10" in verdict.reason
    assert "see a doctor or physiotherapist" in verdict.reason
    assert "no change of dose" in verdict.reason
    assert verdict.days == (FIRST + timedelta(days=2),)


def test_missing_scores_ask_for_them_next_time():
    verdict = judge(sessions(*[(None, None, 2.0, True)] * 3), planned=3, done=3)
    assert "log all three next time" in verdict.reason
    assert "steady or falling" not in verdict.reason


def test_the_working_range_is_said_in_words():
    verdict = judge(sessions(EASY, (3, 2, 5.0, True)), planned=2, done=2)
    assert "effort 4 to 6 of 10, hard but doable" in verdict.reason
    assert "keep the same dose" in verdict.reason


def test_one_step_up_only_when_every_condition_holds_on_random_logs():
    """Over many random logs, one step up never comes with a gap, a missed set, high effort,
    pain above 5, a rise, or a warning sign; and every log gets some row."""
    rng = random.Random(19)

    def score():
        return rng.choice([None, *range(11)])

    for _ in range(3000):
        log = [
            (score(), score(), rng.choice([None, 1.0, 2.0, 3.0, 4.0, 6.0]), rng.random() < 0.8)
            for _ in range(rng.randint(0, 4))
        ]
        sign = rng.random() < 0.1
        verdict = judge(sessions(*log), planned=3, done=len(log), warning_sign=sign)
        if verdict.advice != UP:
            continue
        recent = log[-3:]
        assert not sign and len(recent) >= 2
        assert all(None not in row[:3] and row[3] for row in recent)
        assert all(row[2] < 4 and max(row[:2]) <= 5 and row[1] - row[0] < 2 for row in recent)
        assert recent[-1][0] <= recent[0][0]
