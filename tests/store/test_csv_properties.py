"""Properties of the CSV codec, for any text and any valid numbers (Hypothesis).

Export then import is the identity on the data; anything the rules refuse is refused with
the store's own error, and nothing crashes.
"""

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upperback.rules import TEXT_LIMITS
from upperback.sessions import SessionError, SessionRecord, SetLog, session_problems
from upperback.store import Store
from upperback.store.csvcodec import CSV_COLUMNS, read_sessions, write_sessions

# Any character a UTF-8 file can hold, except NUL, which the log refuses everywhere.
CHARS = st.characters(codec="utf-8", exclude_characters="\0")
GUARDS = st.sampled_from(["", "'", "''", "=", "'=", "+", "-", "@", "\t", "\r", "'\r", "\n"])


def text(field: str, *, required: bool = False):
    body = st.text(CHARS, min_size=1 if required else 0, max_size=TEXT_LIMITS[field] // 4)
    made = st.builds(lambda guard, rest: (guard + rest)[: TEXT_LIMITS[field]], GUARDS, body)
    return made.filter(lambda t: t.strip()) if required else made


# A person's name: any letters, marks, digits, punctuation, symbols or spaces (the rules
# refuse controls, invisible characters and line breaks in names), guarded or not.
NAMES = st.builds(
    lambda guard, rest: guard + rest,
    st.sampled_from(["", "'", "=", "'=", "+", "-", "@", " "]),
    st.text(st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]), max_size=40),
).filter(lambda t: t.strip())


def halves(low, high):
    return st.integers(low * 2, high * 2).map(lambda n: n / 2)


TIMES = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2026, 1, 1), timezones=st.just(UTC)
)
SETS = st.builds(
    SetLog,
    exercise=text("exercise", required=True),
    set_number=st.integers(1, 50),
    side=st.sampled_from([None, "left", "right"]),
    reps_planned=st.none() | st.integers(0, 500),
    reps_done=st.none() | st.integers(0, 500),
    hold_planned=st.none() | st.floats(0, 3600),
    hold_done=st.none() | st.floats(0, 3600),
    completed=st.booleans(),
    note=text("note"),
)
UIDS = st.text(
    st.characters(codec="ascii", categories=["L", "N", "P", "S"]), min_size=1, max_size=32
)
PRESCRIPTIONS = st.none() | st.dictionaries(
    st.text(CHARS, max_size=8),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(CHARS, max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=6,
    ),
    max_size=4,
)
SESSIONS = st.builds(
    SessionRecord,
    client=NAMES,
    routine=text("routine", required=True),
    started_at=TIMES,
    ended_at=st.none(),
    pain_before=st.none() | st.integers(0, 10),
    pain_after=st.none() | st.integers(0, 10),
    effort=st.none() | halves(0, 10),
    notes=text("notes"),
    sets=st.lists(SETS, max_size=3).map(tuple),
    prescription=PRESCRIPTIONS,
    uid=UIDS,
)
LOGS = st.lists(SESSIONS, max_size=4, unique_by=lambda s: s.uid)


@given(LOGS)
@settings(max_examples=300, deadline=None)
def test_writing_then_reading_gives_back_the_same_sessions(sessions):
    assert all(session_problems(s) == [] for s in sessions)
    assert read_sessions(write_sessions(sessions), "log.csv") == sessions


@given(LOGS)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_export_import_export_keeps_data_and_bytes(tmp_path_factory, sessions):
    folder = tmp_path_factory.mktemp("round")
    store = Store(f"sqlite:///{folder / 'a.db'}")
    for session in sessions:
        store.save_session(session)
    exported = store.export_csv(folder / "log.csv")
    fresh = Store(f"sqlite:///{folder / 'b.db'}")
    assert fresh.import_csv(folder / "log.csv") == len(sessions)
    strip_ids = [(s.uid, s.client, s.routine, s.started_at, s.notes, s.sets, s.prescription)
                 for s in store.sessions()]  # fmt: skip
    assert [(s.uid, s.client, s.routine, s.started_at, s.notes, s.sets, s.prescription)
            for s in fresh.sessions()] == strip_ids  # fmt: skip
    assert fresh.export_csv() == exported
    assert fresh.import_csv(folder / "log.csv") == 0


# Anything may be typed in a cell: the reader either accepts it or says why, by line.
CELL = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["-1", "501", "1e9", "nan", "inf", "2999-01-01", "9999-12-31T23:00:00-05:00", "[]", "{",
     "true", "left", "", " ", "'=x", "0001-01-01T00:00:00+14:00", "1_0", "١"]
)  # fmt: skip


@given(st.lists(st.lists(CELL, min_size=len(CSV_COLUMNS), max_size=len(CSV_COLUMNS)), max_size=4))
@settings(max_examples=400, deadline=None)
def test_any_cells_are_read_or_refused_by_line(rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([CSV_COLUMNS, *rows])
    try:
        sessions = read_sessions(buffer.getvalue(), "log.csv")
    except SessionError as error:
        assert all(p.startswith("log.csv, line ") for p in error.problems)
    else:
        assert all(session_problems(s) == [] for s in sessions)


@given(SESSIONS, st.sampled_from(["pain_before", "effort", "started_at", "notes", "uid",
                                  "client", "prescription"]),
       st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=6000),
                 st.none(), st.booleans(), st.lists(st.integers(), max_size=2),
                 st.datetimes(), st.datetimes(timezones=st.timezones())))  # fmt: skip
@settings(max_examples=500, deadline=None)
def test_the_rules_refuse_what_they_do_not_allow_and_never_crash(session, field, value):
    from dataclasses import replace

    changed = replace(session, **{field: value})
    problems = session_problems(changed)  # never raises
    assert all(p.field and p.text for p in problems)
    if problems:  # a refused session could not have been written and read back
        return
    assert read_sessions(write_sessions([changed]), "log.csv") == [changed]


def test_a_time_near_the_end_of_the_calendar_is_refused_not_crashed():
    far = datetime.max.replace(tzinfo=UTC) - timedelta(hours=1)
    [problem] = session_problems(SessionRecord("Sam", "r", far))
    assert problem.field == "started_at" and "future" in problem.text
