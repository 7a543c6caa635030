"""A sample session for the store's tests."""

from datetime import UTC, datetime, timedelta

from upperback.sessions import SessionRecord, SetLog

T0 = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def session(client="Sam", when=T0, n_sets=3, **changes):
    logged = tuple(
        SetLog("side-plank", n, "left", hold_planned=20.0, hold_done=20.0, note=f"set {n}")
        for n in range(1, n_sets + 1)
    )
    values = dict(
        client=client,
        routine="Daily bridge",
        started_at=when,
        ended_at=when + timedelta(minutes=12),
        pain_before=5,
        pain_after=3,
        effort=4.0,
        notes="felt loose",
        sets=logged,
        prescription={"format": "upperback-routine", "version": 1, "name": "Daily bridge"},
    )
    values.update(changes)
    return SessionRecord(**values)
