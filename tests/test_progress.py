"""The demo clinic, the charts and the coach's dashboard."""

from datetime import timedelta

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from upperback.analysis import (
    clinic_table,
    pain_summary,
    pain_trend,
    weekly_adherence,
)
from upperback.demo import DEMO_CLIENTS, demo_end, demo_store, make_demo
from upperback.plots import (
    plot_adherence,
    plot_calendar,
    plot_left_right,
    plot_muscle_work,
    plot_pain_before_after,
    plot_pain_trend,
    progress_figure,
)
from upperback.progress import load_progress, progress
from upperback.routine_history import client_routine_path
from upperback.store import Store
from upperback.suggestions import accept, suggest

PNG = b"\x89PNG"


def test_the_demo_is_labelled_synthetic_and_deterministic(clinic, library, tmp_path):
    assert set(clinic.clients()) == set(DEMO_CLIENTS)
    assert all(name.startswith("Demo:") for name in clinic.clients())
    assert {s.notes for s in clinic.sessions()} == {"synthetic demo data"}
    again = Store(f"sqlite:///{tmp_path / 'again.db'}")
    make_demo(again, library, end=demo_end(clinic))

    def strip(store):
        return [(s.client, s.started_at, s.pain_before, s.sets) for s in store.sessions()]

    assert strip(again) == strip(clinic)
    assert make_demo(again, library) == 0  # not written twice


def test_the_demo_shows_its_believable_patterns(clinic):
    summary = pain_summary(clinic.sessions_frame())
    assert bool(summary.loc["Demo: Ana (improving)", "responder"])
    assert not bool(summary.loc["Demo: Ben (plateau)", "responder"])
    assert summary.loc["Demo: Dev (pain warnings)", "warnings"] >= 2
    last = summary["last_session"]
    assert (last.max() - last["Demo: Cleo (stopped coming)"]).days > 30
    table = clinic_table(clinic.sessions_frame())
    assert table.loc["Demo: Cleo (stopped coming)", "adherence"] == 0


@pytest.mark.parametrize("client", list(DEMO_CLIENTS))
def test_every_chart_draws_with_titles_units_and_legends(clinic, library, client):
    drawn = progress_figure(load_progress(clinic, client, library), library)
    titles = {ax.get_title() for ax in drawn.figure.axes}
    assert {"Pain over time", "Pain before and after each session",
            "Sessions each week against the plan", "Calendar of sessions",
            "Work per muscle"} <= titles  # fmt: skip
    pain_axes = drawn.axes["pain"]
    assert pain_axes.get_ylabel() == "Pain (0-10)" and pain_axes.get_legend() is not None
    labels = [t.get_text() for t in pain_axes.get_legend().get_texts()]
    assert any(label.startswith("clinically important drop") for label in labels)


def test_the_pain_chart_marks_the_warnings(clinic):
    trend = pain_trend(clinic.sessions_frame("Demo: Dev (pain warnings)"))
    ax = plot_pain_trend(trend)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "safety warning (pain 7+ or rise 2+)" in labels
    plt.close("all")


def test_each_chart_function_draws_on_the_axes_it_is_given(clinic, library):
    client = "Demo: Eli (daily, weaker left side)"
    sessions, sets = clinic.sessions_frame(client), clinic.sets_frame(client)
    from upperback.analysis import left_right, muscle_work

    calls = [
        lambda ax: plot_pain_before_after(sessions, ax=ax),
        lambda ax: plot_adherence(weekly_adherence(sessions), ax=ax),
        lambda ax: plot_calendar(sessions, ax=ax),
        lambda ax: plot_muscle_work(muscle_work(sets, library.links, library.muscles), ax=ax),
        lambda ax: plot_left_right(left_right(sets), ax=ax),
    ]
    for draw in calls:
        fig, ax = plt.subplots()
        assert draw(ax) is ax and ax.get_title() and ax.has_data()
        plt.close(fig)


def test_demo_store_keeps_the_demo_apart(workbook_home, library):
    store = demo_store(library)
    assert store.url.endswith("demo.db") and (workbook_home / "demo.db").is_file()
    assert not (workbook_home / "sessions.db").exists()


def test_the_demo_command(tmp_path):
    from upperback.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["demo", "--database", url]) == 0
    assert set(Store(url).clients()) == set(DEMO_CLIENTS)


def test_a_client_without_sessions_sees_every_chart_and_how_to_fill_it(tmp_path, library):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    from upperback.rules import RED_FLAGS

    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))  # a client, no sessions
    drawn = progress_figure(load_progress(store, "Sam", library), library)
    assert len(drawn.axes) == 6 and drawn.figure.get_suptitle() == "Sam"
    for ax in drawn.axes.values():
        assert ax.get_title() and not ax.has_data()
        assert [t.get_text() for t in ax.texts], ax.get_title()  # what to do, in words


def test_the_progress_carries_the_routine_changes_of_its_dates(clinic, library, tmp_path):
    client, last = "Demo: Fay (ready for more)", demo_end(clinic)
    first, second = [s for s in suggest(clinic, client, library, today=last) if s.changes][:2]
    path = client_routine_path(client, first.routine.name, tmp_path)
    accept(first, path, library, when=last - timedelta(weeks=3))
    accept(second, path, library, when=last + timedelta(days=1))  # after the last session
    whole = load_progress(clinic, client, library, routines_folder=tmp_path)
    assert whole.versions["version"].tolist() == [2, 3]
    assert whole.versions["change"].tolist() == [first.change, second.change]
    start, end = (last - timedelta(weeks=6)).date(), last.date()
    dated = load_progress(clinic, client, library, start=start, end=end, routines_folder=tmp_path)
    assert dated.versions["version"].tolist() == [2]  # the change after the end is left out
    assert not dated.sessions.empty
    ax = progress_figure(whole, library).axes["pain"]
    assert {"v2", "v3"} <= {t.get_text() for t in ax.texts}
    assert "routine changed" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_without_versions_the_progress_has_none_in_the_same_columns(library):
    empty = pd.DataFrame(columns=["client", "started_at"])
    versions = progress(empty, empty, library, client="Sam").versions
    assert versions.empty and list(versions.columns) == ["routine", "version", "date", "change"]
