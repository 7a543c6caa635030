"""The progress charts from a client's first session to their two-hundredth.

Each chart is drawn on 0, 1, 2, 5 and 200 logged sessions (the first with a skipped set,
as a new client's first run often has) and checked for what a reader sees: the title,
the axis labels, weekly ticks on weekly charts, a legend that names only what is drawn and
covers none of it, and a sentence of what to do wherever there is nothing to draw yet.
"""

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from upperback.analysis import pain_trend
from upperback.musclemap import plot_muscle_map
from upperback.plots import (
    CALENDAR_SHADES,
    MIN_WEEKS,
    PROGRESS_FIGSIZE,
    plot_pain_trend,
    progress_figure,
)
from upperback.progress import load_progress
from upperback.routine_files import starter_routine
from upperback.routine_history import client_versions, save_version
from upperback.routines import check_routine, routine_to_dict
from upperback.rules import TREND_DAYS
from upperback.sessions import SessionRecord, planned_sets
from upperback.store import Store

COUNTS = [0, 1, 2, 5, 200]
# Far enough back that 200 sessions, every other day, all lie in the past (logs refuse the
# future).
FIRST_MONDAY = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
PAIN_BEFORE = [6, 9, 5, 7, 4]  # the first two are the issue's: 6, then 9
TITLES = {
    "pain": "Pain over time",
    "before_after": "Pain before and after each session",
    "weekly": "Sessions each week against the plan",
    "calendar": "Calendar of sessions",
    "muscles": "Work per muscle",
    "sides": "Left against right",
}
WAIT = "Log sessions for 4 weeks to see your trend"


def skipped(logged):
    return replace(logged, completed=False, reps_done=0 if logged.reps_done is not None else None,
                   hold_done=0.0 if logged.hold_done is not None else None)  # fmt: skip


def log_sessions(store, library, client, count, *, skip_every_set=False):
    """``count`` sessions of the Thoracic five, every other day; the first skips a set."""
    routine = starter_routine("thoracic-five")
    planned = planned_sets(check_routine(routine, library).phases)
    store.record_red_flag_check(client, {})  # a client from the start, sessions or not
    for number in range(count):
        sets = [skipped(s) if skip_every_set or (number == 0 and index == 0) else s
                for index, s in enumerate(planned)]  # fmt: skip
        pain = PAIN_BEFORE[number % len(PAIN_BEFORE)]
        store.save_session(
            SessionRecord(
                client=client,
                routine=routine.name,
                started_at=FIRST_MONDAY + timedelta(days=2 * number),
                pain_before=pain,
                pain_after=pain - 1,
                sets=tuple(sets),
                prescription=routine_to_dict(routine),
            )
        )


@pytest.fixture(scope="module")
def store(tmp_path_factory, library):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('charts') / 'log.db'}")
    for count in COUNTS:
        log_sessions(store, library, f"{count} sessions", count)
    log_sessions(store, library, "only skipped sets", 1, skip_every_set=True)
    return store


@pytest.fixture(scope="module")
def drawn(store, library):
    """Each count's progress figure, drawn once, so extents are measured as a reader sees them."""
    figures = {}
    for count in COUNTS:
        figure = Figure(figsize=PROGRESS_FIGSIZE, layout="constrained")
        FigureCanvasAgg(figure)  # a renderer to measure with, as a saved PNG is drawn
        progress = load_progress(store, f"{count} sessions", library)
        figures[count] = (progress, progress_figure(progress, library, figure=figure))
        figure.canvas.draw()
    return figures


def texts(ax):
    return [t.get_text().replace("\n", " ") for t in ax.texts]


# -- every chart, every count ---------------------------------------------------------------


@pytest.mark.parametrize("count", COUNTS)
def test_every_chart_keeps_its_title(drawn, count):
    _, result = drawn[count]
    assert {name: ax.get_title() for name, ax in result.axes.items()} == TITLES


def test_with_no_sessions_every_chart_says_what_to_do_instead_of_a_bare_axis(drawn):
    _, result = drawn[0]
    for name, ax in result.axes.items():
        assert not ax.has_data(), name
        assert not ax.get_xticks().size and not ax.get_yticks().size, name  # no bare 0-1 axis
        (sentence,) = texts(ax)
        assert re.search(r"\b(log|score|finish)\b", sentence, re.IGNORECASE), (name, sentence)


@pytest.mark.parametrize("count", [1, 2, 5])
def test_too_early_for_a_trend_the_pain_chart_shows_the_scores_and_says_so(drawn, count):
    progress, result = drawn[count]
    ax = result.axes["pain"]
    assert any(text.startswith(WAIT) for text in texts(ax))
    labels = [line.get_label() for line in ax.lines]
    assert "pain before session" in labels
    assert not any(label.startswith(("rolling", "baseline", "clinically")) for label in labels)
    scores = next(line for line in ax.lines if line.get_label() == "pain before session")
    assert list(scores.get_ydata()) == [float(p) for p in progress.sessions["pain_before"]]
    # The note sits in a band above the scale, where no score can be drawn.
    assert ax.get_ylim()[1] > 10.3 and max(ax.get_yticks()) == 10


def test_once_the_scores_span_four_weeks_the_trend_is_drawn(drawn):
    progress, result = drawn[200]
    span = progress.sessions["started_at"].max() - progress.sessions["started_at"].min()
    assert span.days >= TREND_DAYS
    ax = result.axes["pain"]
    labels = [line.get_label() for line in ax.lines]
    assert {"rolling mean (5 sessions)", "pain before session"} <= set(labels)
    assert any(label.startswith("baseline") for label in labels)
    assert not any(text.startswith(WAIT) for text in texts(ax))


@pytest.mark.parametrize("count", COUNTS[1:])
def test_charts_with_data_draw_it_with_labelled_axes(drawn, count):
    _, result = drawn[count]
    axes = result.axes
    for name in ("pain", "before_after"):
        assert (axes[name].get_ylabel(), axes[name].get_xlabel()) == ("Pain (0-10)", "Date")
    assert axes["weekly"].get_ylabel() == "Sessions per week"
    assert axes["calendar"].get_xlabel() == "Week of" and axes["calendar"].images
    assert axes["muscles"].get_xlabel() == "Time under tension (minutes)"
    assert axes["sides"].get_xlabel() == "Work done (reps, or seconds held)"
    for name in ("weekly", "muscles", "sides"):
        assert drawn_bars(axes[name]), f"{name}: no bar drawn"


def drawn_bars(ax):
    return [p for c in ax.containers for p in c.patches if p.get_width() * p.get_height() > 0]


@pytest.mark.parametrize("count", COUNTS[1:])
def test_weekly_charts_tick_every_week_by_its_monday(drawn, count):
    progress, result = drawn[count]
    weeks = max(len(progress.weekly), MIN_WEEKS)
    mondays = pd.date_range(FIRST_MONDAY.date(), periods=weeks, freq="7D")
    for name, prefix in (("calendar", ""), ("weekly", "Week of ")):
        ax = result.axes[name]
        labels = {round(t.get_position()[0]): t.get_text() for t in ax.get_xticklabels()}
        assert labels, name
        for column, label in labels.items():
            monday = mondays[column]
            assert label == f"{prefix}{monday.day} {monday:%b}", (name, column, label)
        assert len(labels) <= 8, f"{name}: too many labels to read"
    ticks = [*ax.get_xticks(), *ax.get_xticks(minor=True)]  # minor where no label is
    assert sorted(ticks) == list(range(weeks))  # one tick a week, on the weekly chart
    assert result.axes["calendar"].images[0].get_array().shape == (7, weeks)


def test_one_week_is_one_narrow_bar_with_its_plan_drawn_across_it(drawn):
    _, result = drawn[1]
    ax = result.axes["weekly"]
    (bar,) = drawn_bars(ax)
    assert bar.get_width() < 1 and ax.get_xlim()[1] - ax.get_xlim()[0] >= MIN_WEEKS - 1
    (plan,) = [line for line in ax.lines if line.get_label() == "prescribed"]
    xs, ys = plan.get_xdata(), plan.get_ydata()
    assert max(xs) - min(xs) >= bar.get_width() and set(ys) == {3.0}  # 3 days a week


@pytest.mark.parametrize("count", COUNTS[1:])
def test_every_legend_entry_is_drawn(drawn, count):
    _, result = drawn[count]
    for name, ax in result.axes.items():
        legend = ax.get_legend()
        if legend is None:
            continue
        labels = [t.get_text() for t in legend.get_texts()]
        if name == "calendar":  # a key to the shades: each one must be in the picture
            levels = set(np.unique(ax.images[0].get_array().compressed()).astype(int))
            assert labels == [list(CALENDAR_SHADES)[level] for level in sorted(levels)]
            continue
        for label in labels:
            assert shows_something(ax, label), f"{name}: legend names {label!r}, nothing drawn"


def shows_something(ax, label):
    for artist in [*ax.lines, *ax.containers, *ax.collections]:
        if artist.get_label() != label:
            continue
        if isinstance(artist, BarContainer):
            return any(p.get_width() * p.get_height() > 0 for p in artist.patches)
        if isinstance(artist, Line2D):
            points = np.isfinite(np.asarray(artist.get_ydata(), dtype=float)).sum()
            has_marker = artist.get_marker() not in (None, "None", "", " ")
            return points >= 2 or (points == 1 and has_marker) or is_axis_line(artist)
    return False


def is_axis_line(line):
    return list(line.get_xdata()) == [0, 1]  # axhline: across the whole axes


def extent(artist, renderer):
    """Where an artist is drawn, in pixels; line collections of dates are measured by hand."""
    box = artist.get_window_extent(renderer)
    if not np.isfinite(box.bounds).all() and isinstance(artist, LineCollection):
        points = artist.get_transform().transform(np.concatenate(artist.get_segments()))
        box = Bbox.from_extents(*points.min(axis=0), *points.max(axis=0))
    assert np.isfinite(box.bounds).all(), f"cannot measure {artist}"
    return box


@pytest.mark.parametrize("count", COUNTS[1:])
def test_legends_cover_no_data_and_no_other_chart(drawn, count):
    _, result = drawn[count]
    figure = result.figure
    renderer = figure.canvas.get_renderer()
    for name, ax in result.axes.items():
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer)
        data = [*ax.lines, *ax.patches, *ax.collections, *ax.images, *ax.texts]
        for artist in data:
            assert not box.overlaps(extent(artist, renderer)), (name, artist)
        for other in figure.axes:
            assert not box.overlaps(other.get_window_extent(renderer)), (name, other.get_title())
        assert figure.bbox.contains(box.x1, box.y1) and figure.bbox.contains(box.x0, box.y0)


def test_the_calendar_keeps_several_weeks_for_a_new_client(drawn):
    _, result = drawn[1]
    grid = result.axes["calendar"].images[0].get_array()
    assert grid.shape == (7, MIN_WEEKS)
    assert grid.count() == 1  # the one day logged; the weeks ahead are left empty


def test_the_first_weeks_summary_is_honest(drawn):
    words = drawn[2][0].words
    assert "unchanged" not in words and "Too early to show a trend" in words
    assert WAIT in words and "Pain at your latest session (3 Sep): 9 before and 8 after" in words
    assert "since you started" in drawn[200][0].words


# -- a client whose only session was all skipped --------------------------------------------


def test_only_skipped_sets_say_so_in_the_charts_and_on_the_muscle_map(store, library):
    progress = load_progress(store, "only skipped sets", library)
    result = progress_figure(progress, library)
    for name in ("muscles", "sides"):
        ax = result.axes[name]
        assert ax.get_title() == TITLES[name] and not ax.has_data()
        assert any("yet" in text for text in texts(ax)), name
    minutes = progress.muscle_work.groupby("muscle")["tension_seconds"].sum() / 60
    figure = Figure()
    ax = plot_muscle_map(values=minutes, label=False, value_label="minutes", ax=figure.subplots())
    assert any("No sets done yet" in text for text in texts(ax))
    assert not ax.patches  # words instead of a blank body
    assert len(figure.axes) == 1  # and no colour bar for a scale of nothing


# -- the pictures, to look at ---------------------------------------------------------------


def test_save_the_figures_to_look_at(drawn, tmp_path):
    for count, (_, result) in drawn.items():
        path = tmp_path / f"progress-{count:03d}-sessions.png"
        result.figure.savefig(path, dpi=70)
        assert path.read_bytes().startswith(b"\x89PNG")
    print(f"progress figures for {COUNTS} sessions: {tmp_path}")


# -- the routine's versions on the pain chart -------------------------------------------------


def accept_changes(folder, client, *dates):
    """The client's routine changed on each of ``dates``: versions 2, 3, ... in ``folder``."""
    routine = starter_routine("thoracic-five")
    routine = routine.__class__(**{**routine.__dict__, "client": client})
    for number, when in enumerate(dates):
        changed = routine.update(0, reps=(routine.items[0].reps or 8) + 1)
        save_version(folder / "mine.json", changed, change=f"change {number + 1}",
                     made_from=routine, when=when)  # fmt: skip
        routine = changed
    return client_versions(client, folder=folder)


def drawn_with_versions(store, library, tmp_path, count, *dates):
    """The progress figure of the client with ``count`` sessions, their routine changed on
    each of ``dates``, drawn as a saved PNG would be."""
    accept_changes(tmp_path, f"{count} sessions", *dates)
    progress = load_progress(store, f"{count} sessions", library, routines_folder=tmp_path)
    figure = Figure(figsize=PROGRESS_FIGSIZE, layout="constrained")
    FigureCanvasAgg(figure)
    result = progress_figure(progress, library, figure=figure)
    figure.canvas.draw()
    return progress, result.axes["pain"]


def change_lines(ax):
    return [line for line in ax.lines if line.get_linestyle() == "-."]


def version_labels(ax):
    return [t for t in ax.texts if re.fullmatch(r"v\d+(–\d+)?", t.get_text())]


def legend_labels(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_each_change_is_a_labelled_line_at_its_date(store, library, tmp_path):
    last = FIRST_MONDAY + timedelta(days=2 * 199)
    middle, after = FIRST_MONDAY + timedelta(days=150), last + timedelta(days=3)
    progress, ax = drawn_with_versions(store, library, tmp_path, 200, middle, after)
    assert progress.versions["version"].tolist() == [2, 3]
    at = sorted(mdates.date2num(line.get_xdata()[0]) for line in change_lines(ax))
    expected = [mdates.date2num(d.replace(tzinfo=None)) for d in (middle, after)]
    assert at == pytest.approx(expected)  # a line style, so it reads in greyscale too
    assert [t.get_text() for t in version_labels(ax)] == ["v2", "v3"]
    assert legend_labels(ax).count("routine changed") == 1
    low, high = ax.get_xlim()
    assert low < expected[0] and expected[1] < high  # the change after the last session shows
    assert shows_something(ax, "routine changed")


def test_a_change_after_a_clients_first_sessions_is_in_sight_and_clear_of_the_note(
    store, library, tmp_path
):
    after = FIRST_MONDAY + timedelta(days=8)  # the 2nd session, then a week's pause
    _, ax = drawn_with_versions(store, library, tmp_path, 2, after)
    low, high = ax.get_xlim()
    assert low < mdates.date2num(after.replace(tzinfo=None)) < high
    assert any(text.startswith(WAIT) for text in texts(ax))  # the band's note stays
    renderer = ax.figure.canvas.get_renderer()
    (label,) = version_labels(ax)
    note = next(t for t in ax.texts if t.get_text().startswith(WAIT))
    box = label.get_window_extent(renderer)
    assert not box.overlaps(note.get_window_extent(renderer))
    assert ax.get_window_extent(renderer).contains(box.x0, box.y0)
    assert ax.get_window_extent(renderer).contains(box.x1, box.y1)


def test_changes_too_close_to_label_apart_share_one_label(store, library, tmp_path):
    day = FIRST_MONDAY + timedelta(days=100)
    _, ax = drawn_with_versions(store, library, tmp_path, 200, day, day + timedelta(hours=1))
    assert len(change_lines(ax)) == 2
    assert [t.get_text() for t in version_labels(ax)] == ["v2–3"]


def test_labels_of_many_changes_never_overlap(store, library, tmp_path):
    weekly = [FIRST_MONDAY + timedelta(days=3 + 7 * week) for week in range(57)]
    _, ax = drawn_with_versions(store, library, tmp_path, 200, *weekly)
    renderer = ax.figure.canvas.get_renderer()
    boxes = sorted((t.get_window_extent(renderer) for t in version_labels(ax)), key=lambda b: b.x0)
    assert len(boxes) > 3
    assert all(left.x1 <= right.x0 for left, right in pairwise(boxes))
    assert len(change_lines(ax)) == 57


@pytest.mark.parametrize("count", COUNTS)
def test_without_versions_nothing_is_marked(drawn, count):
    progress, result = drawn[count]
    ax = result.axes["pain"]
    assert progress.versions.empty and not change_lines(ax) and not version_labels(ax)
    legend = ax.get_legend()
    assert legend is None or "routine changed" not in legend_labels(ax)


def test_with_no_scores_the_chart_keeps_its_sentence_whatever_the_versions(tmp_path):
    versions = accept_changes(tmp_path, "Sam", FIRST_MONDAY)
    ax = plot_pain_trend(pain_trend(pd.DataFrame(columns=["client", "started_at"])),
                         versions=versions, ax=Figure().subplots())  # fmt: skip
    assert not ax.has_data() and ax.get_legend() is None
    (sentence,) = texts(ax)
    assert sentence.startswith("Score your pain")
