"""The coach's attention list on hand-built logs: every reason, its boundaries, its order."""

import os
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from upperback.attention import NOBODY, attention_list, attention_words
from upperback.demo import demo_end
from upperback.queries import Library
from upperback.routine_files import save_routine
from upperback.routine_history import Version
from upperback.routines import Routine, RoutineItem, check_routine, routine_to_dict
from upperback.rules.progressing import DECISION_TABLE, PAIN_STOP, Advice
from upperback.rules.safety import RED_FLAGS, URGENT_FLAGS
from upperback.sessions import SessionRecord, planned_sets
from upperback.store import Store
from upperback.store.schema import clients, red_flag_checks

TODAY = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # in the past, as every date here
LIBRARY = Library.load(user=False)
ROWS = Routine("Rows", items=(RoutineItem("seated-row"),), client="Jo", days_per_week=3)


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'log.db'}")


def session(client, days_ago, before=3, after=2, *, routine=None, effort=3.0):
    """A session ``days_ago`` days before TODAY; with ``routine``, it followed that one, every
    set done as planned."""
    return SessionRecord(
        client,
        routine.name if routine else "Free session",
        TODAY - timedelta(days=days_ago),
        pain_before=before,
        pain_after=after,
        effort=effort,
        prescription=routine_to_dict(routine) if routine else None,
        sets=tuple(planned_sets(check_routine(routine, LIBRARY).phases)) if routine else (),
    )


def answered(store, client, ticked, *, on=TODAY - timedelta(days=2)):
    """``client`` answered the warning signs on ``on``, ticking ``ticked``."""
    store.record_red_flag_check(client, {flag: flag in ticked for flag in RED_FLAGS})
    with store.engine.begin() as conn:
        who = sa.select(clients.c.id).where(clients.c.name == client).scalar_subquery()
        conn.execute(
            red_flag_checks.update().where(red_flag_checks.c.client_id == who).values(checked_at=on)
        )


def listed(store, library, **kwargs):
    return {
        entry.client: entry.words for entry in attention_list(store, library, today=TODAY, **kwargs)
    }


def test_an_empty_log_says_no_client_needs_the_coach(store, library):
    assert attention_list(store, library, today=TODAY) == []
    assert attention_words([]) == NOBODY == "No client needs you now."


def test_an_urgent_sign_waiting_comes_before_another_and_a_cleared_one_is_not_listed(
    store, library
):
    answered(store, "Bo", ["fever"])
    answered(store, "Sam", URGENT_FLAGS)
    answered(store, "Cy", ["fever"])
    store.record_coach_clearance("Cy", seen_on=datetime.now(UTC).date())
    answered(store, "Ann", [])  # all no
    entries = attention_list(store, library, today=TODAY)
    assert [entry.client for entry in entries] == ["Sam", "Bo"]
    assert entries[0].words == (
        "Sam: ticked chest pain or shortness of breath on 18 Nov (urgent): not cleared yet"
    )
    assert entries[1].words == "Bo: ticked fever on 18 Nov: not cleared yet"
    assert [entry.kind for entry in entries] == [
        "urgent warning sign waiting",
        "warning sign waiting",
    ]


def test_pain_of_eight_is_a_stop_and_see_a_professional(store, library):
    store.save_session(session("Jo", 4, 3, 2, routine=ROWS))
    store.save_session(session("Jo", 2, 3, 8, routine=ROWS))
    [jo] = attention_list(store, library, today=TODAY)
    assert jo.kind == "stop and see a professional"
    assert jo.words.startswith("Jo: pain of 8 on 18 Nov — pause Seated row and see a professional")


def test_the_only_stops_are_pains_and_a_warning_signs():
    """The list works a client's advice out only after pain of 8 (the warning sign is a
    reason of its own): a new row to stop must be looked for there too."""
    stops = [row.when for row in DECISION_TABLE if row.advice == Advice.STOP]
    assert stops == [
        f"pain of {PAIN_STOP} or more in a recent session",
        "a warning sign answered yes and not cleared",
    ]


@pytest.mark.parametrize(("days_ago", "shown"), [(7, True), (8, False)])
def test_a_pain_warning_counts_for_a_week(store, library, days_ago, shown):
    store.save_session(session("Dev", days_ago, 3, 6))
    day = f"{(TODAY - timedelta(days=days_ago)).day} Nov"
    expected = {"Dev": f"Dev: pain warning in the last week: pain rose from 3 to 6 on {day}"}
    assert listed(store, library) == (expected if shown else {})


def test_high_pain_is_a_pain_warning_in_words_with_a_score_missing_too(store, library):
    store.save_session(session("Dev", 1, 7, None))
    store.save_session(session("Dev", 3, None, 2))  # no warning without the scores for one
    store.save_session(session("Dev", -1, 9, 9))  # after the day the list is judged at
    assert listed(store, library) == {
        "Dev": "Dev: pain warning in the last week: pain of 7 on 19 Nov"
    }


@pytest.mark.parametrize(("days_ago", "shown"), [(6, False), (7, True)])
def test_seven_days_without_a_session_while_a_routine_is_assigned(store, library, days_ago, shown):
    store.save_session(session("Cleo", 30, routine=ROWS))
    store.save_session(session("Cleo", days_ago, routine=ROWS))
    day = f"{(TODAY - timedelta(days=days_ago)).day} Nov"
    expected = {"Cleo": f"Cleo: no session since {day} ({days_ago} days) with a routine assigned"}
    assert listed(store, library) == (expected if shown else {})


def test_without_a_routine_assigned_no_session_is_not_missing(store, library):
    answered(store, "Ann", [])  # answered the signs, logged nothing, no routine
    store.save_session(session("Ivo", 40))  # a free session long ago, no routine
    assert listed(store, library) == {}


def test_a_routine_sent_and_never_started_is_missing_after_a_week(store, library):
    answered(store, "Pat", [])
    sent = Routine("Rows", items=(RoutineItem("seated-row"),), client="Pat")
    store.send_routine(sent, Version(1, TODAY - timedelta(days=10), "A new routine", "", ()))
    assert listed(store, library) == {
        "Pat": "Pat: no session yet, with a routine assigned on 10 Nov (10 days ago)"
    }


@pytest.mark.parametrize(("days_ago", "shown"), [(3, False), (10, True)])
def test_a_routine_sent_after_the_last_session_counts_from_its_sending(
    store, library, days_ago, shown
):
    store.save_session(session("Ivo", 40))  # a free session, before any routine
    sent = Routine("Rows", items=(RoutineItem("seated-row"),), client="Ivo")
    when = TODAY - timedelta(days=days_ago)
    store.send_routine(sent, Version(1, when, "A new routine", "", ()))
    day = f"{when.day} Nov"
    words = f"Ivo: no session since a routine was assigned on {day} ({days_ago} days ago)"
    assert listed(store, library) == ({"Ivo": words} if shown else {})


def test_several_signs_are_named_apart(store, library):
    answered(store, "Sam", [*URGENT_FLAGS, "fever"])
    assert listed(store, library) == {
        "Sam": "Sam: ticked 2 signs (chest pain or shortness of breath; fever) on 18 Nov "
        "(urgent): not cleared yet"
    }


def test_a_routine_file_assigns_a_routine_and_a_damaged_one_breaks_nothing(
    store, library, tmp_path
):
    answered(store, "Pat", [])
    pats = Routine("Rows", items=(RoutineItem("seated-row"),), client="pat ")
    path = save_routine(pats, tmp_path / "rows.json")
    ten_days_ago = (TODAY - timedelta(days=10)).timestamp()
    os.utime(path, (ten_days_ago, ten_days_ago))
    (tmp_path / "broken.json").write_text("{")
    # Jo's own file no longer fits the tables: the sessions' copy of the routine is judged.
    store.save_session(session("Jo", 2, 3, 8, routine=ROWS))
    jos = save_routine(ROWS, tmp_path / "rows-jo.json")
    jos.write_text(jos.read_text().replace("seated-row", "no-such-move"))
    found = listed(store, library, routines_folder=tmp_path)
    assert found["Pat"] == "Pat: no session yet, with a routine assigned on 10 Nov (10 days ago)"
    assert "pause Seated row and see a professional" in found["Jo"]


def test_a_client_with_several_reasons_is_one_entry_ranked_by_the_highest(store, library):
    store.save_session(session("Jo", 2, 3, 8, routine=ROWS))
    answered(store, "Bo", ["fever"])
    store.save_session(session("Bo", 40, routine=ROWS))
    store.save_session(session("Bo", 3, 3, 6))  # a rise of 3, in a free session
    entries = attention_list(store, library, today=TODAY)
    assert [entry.client for entry in entries] == ["Bo", "Jo"]
    bo = entries[0]
    assert [reason.kind for reason in bo.reasons] == [
        "warning sign waiting",
        "pain warning in the last week",
    ]
    assert bo.words == (
        "Bo: ticked fever on 18 Nov: not cleared yet; "
        "pain warning in the last week: pain rose from 3 to 6 on 17 Nov"
    )
    assert "pain warning in the last week: pain rose from 3 to 8 on 18 Nov" in entries[1].words


class CoachsStore:
    """The log as a coach's role reads it on a clinic's server: only their clients' rows.

    On PostgreSQL the database itself does this; here a stand-in over SQLite."""

    def __init__(self, store, mine):
        self.store, self.mine = store, set(mine)

    def clients(self):
        return [name for name in self.store.clients() if name in self.mine]

    def sessions_frame(self):
        frame = self.store.sessions_frame()
        return frame[frame["client"].isin(self.mine)]

    def red_flag_summary(self):
        frame = self.store.red_flag_summary()
        return frame[frame["client"].isin(self.mine)]

    def __getattr__(self, name):  # one client's rows: theirs only
        def read(client):
            assert client in self.mine, f"{client} is not this coach's client"
            return getattr(self.store, name)(client)

        return read


def test_a_coach_sees_only_their_clients(store, library, tmp_path):
    answered(store, "Erin", URGENT_FLAGS)
    answered(store, "Alice", ["fever"])
    store.save_session(session("Bob", 2, 3, 8))
    zed = Routine("Rows", items=(RoutineItem("seated-row"),), client="Zed")
    save_routine(zed, tmp_path / "zed.json")  # a file for someone the log does not hold
    entries = attention_list(
        CoachsStore(store, ["Alice", "Bob"]), library, today=TODAY, routines_folder=tmp_path
    )
    assert [entry.client for entry in entries] == ["Alice", "Bob"]


def test_the_demo_clinic_needs_its_coach_in_this_order(clinic, library):
    entries = attention_list(clinic, library, today=demo_end(clinic))
    names = [entry.client for entry in entries]
    kit, jo, cleo = (
        "Demo: Kit (waiting for clearance)",
        "Demo: Jo (pain of 8)",
        "Demo: Cleo (stopped coming)",
    )
    assert names[0] == kit and names.index(jo) < names.index(cleo)
    assert names[-1] == cleo  # stopping coming is the last reason
    words = attention_words(entries)
    assert f"{kit}: ticked chest pain or shortness of breath on " in words
    assert "— pause 2 exercises (Seated row; Bridge and reach-over) and see a professional" in words
    assert f"{cleo}: no session since " in words


def rated(store, client, days_ago, ratings):
    """``client`` rated their activities ``days_ago`` days before TODAY."""
    from upperback.function_checks import function_check

    store.record_function_scores(
        function_check(client, ratings, when=TODAY - timedelta(days=days_ago))
    )


@pytest.mark.parametrize(
    ("last", "shown"),
    [((3, 3, 4), True), ((3, 4, 4), False), ((7, 7, 7), False)],
    ids=["mean-down-2", "mean-down-1.7", "better"],
)
def test_activities_worse_by_the_change_that_counts(store, library, last, shown):
    first = {"Reaching a high shelf": 5, "Driving": 5, "Sleeping on my side": 6}
    rated(store, "Ana", 20, first)
    rated(store, "Ana", 6, dict(zip(first, last, strict=True)))
    words = listed(store, library).get("Ana", "")
    assert ("their activities went from 5.3 to" in words) is shown
    if shown:
        assert "worse by 2 points or more" in words


def test_one_rating_of_the_activities_is_no_change_yet(store, library):
    rated(store, "Ana", 6, {"Reaching a high shelf": 1, "Driving": 1, "Lifting": 1})
    assert "Ana" not in listed(store, library)


def test_activities_worse_rank_after_pain_and_before_missing_sessions(store, library):
    store.save_session(session("Ana", 3, before=8, after=8))  # pain: a stop, a warning
    rated(store, "Ana", 20, {"Reaching a high shelf": 6, "Driving": 6, "Lifting": 6})
    rated(store, "Ana", 5, {"Reaching a high shelf": 2, "Driving": 3, "Lifting": 3})
    [entry] = attention_list(store, library, today=TODAY)
    kinds = [reason.kind for reason in entry.reasons]
    assert kinds.index("pain warning in the last week") < kinds.index("activities worse")
