"""The per-client progress report: a standalone page, made by running a notebook."""

import re

import pytest

from tests.offline import network_fetches
from tests.test_validation import GOOD_EXERCISE, write_csv
from upperback import Library
from upperback.cli import main
from upperback.demo import make_demo
from upperback.person_names import file_stem
from upperback.report import ReportError, write_report
from upperback.store import Store


@pytest.fixture(scope="module")
def clinic_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('clinic') / 'log.db'}"
    make_demo(Store(url), Library.load(user=False))
    return url


def test_the_report_holds_charts_summary_and_safety_note_and_no_code(clinic_url, tmp_path):
    path = write_report("Demo: Ana (improving)", tmp_path / "ana.html", database=clinic_url)
    page = path.read_text()
    assert "Progress report: Demo: Ana (improving)" in page
    assert "Safety first" in page and "chest pain" in page
    assert "clinically important improvement" in page
    assert len(re.findall(r'src="data:image/png;base64,', page)) >= 2  # charts and map, inline
    assert "import upperback" not in page and "plain_summary(" not in page
    assert "<Figure size" not in page  # every chart drawn, none left as text
    # Each image says what it shows, and its data opens as a table.
    images = [tag for tag in re.findall(r"<img[^>]*>", page) if "upperback-chart-image" in tag]
    alts = [re.search(r'alt="([^"]*)"', tag).group(1) for tag in images if 'alt="' in tag]
    assert len(alts) == 3 and "Pain over time: Pain fell from" in alts[0], alts
    # Beside the pain charts: the activities the client named.
    assert alts[1].startswith("4 activities rated 8 times: the average went from 3.5 to 7.2")
    assert alts[2].startswith("A map of the body") and "Most time under tension" in alts[2]
    assert page.count("<summary>Show as a table</summary>") == 3
    # Beside pain, what changed in the activities the client named, in their words.
    assert "Reaching a high shelf: 3 → 8 (a real change)" in page


def test_the_report_opens_complete_with_the_network_off(clinic_url, tmp_path, capfd):
    path = write_report("Demo: Ana (improving)", tmp_path / "ana.html", database=clinic_url)
    page = path.read_text()
    assert network_fetches(page) == []
    assert "<script" not in page  # nothing to run: no require.js, MathJax or widgets
    assert "jp-RenderedImage" in page or "data:image/png" in page
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    printed = capfd.readouterr()
    assert "WARNING" not in printed.err + printed.out  # the kernel's TCP warning is gone


def test_the_default_place_is_the_workbook_reports_folder(clinic_url, workbook_home):
    path = write_report("  demo: BEN (plateau) ", database=clinic_url)  # any spelling of Ben
    assert path.parent == workbook_home / "reports" and path.name.startswith("demo-ben-plateau-")
    # Named by the client's key, so another client's report never takes its place.
    assert path.name.startswith(file_stem("Demo: Ben (plateau)") + "-")
    assert "Progress report: Demo: Ben (plateau)" in path.read_text()


def test_an_unknown_client_is_named(clinic_url):
    with pytest.raises(ReportError, match="No sessions logged for 'Nobody'"):
        write_report("Nobody", database=clinic_url)


def test_the_report_command(clinic_url, tmp_path, capsys):
    out = tmp_path / "dev.html"
    assert main(["report", "--client", "Demo: Dev (pain warnings)", "--database", clinic_url,
                 "--output", str(out)]) == 0  # fmt: skip
    assert out.is_file() and "Wrote" in capsys.readouterr().out
    assert main(["report", "--client", "Nobody", "--database", clinic_url]) == 1
    assert "No sessions logged" in capsys.readouterr().err


@pytest.fixture(scope="module")
def odd_clients_url(tmp_path_factory):
    """Clients whose logs lack something: every session deleted, one odd session, one session."""
    from datetime import UTC, datetime

    from upperback.rules import RED_FLAGS
    from upperback.sessions import SessionRecord, SetLog

    url = f"sqlite:///{tmp_path_factory.mktemp('odd') / 'log.db'}"
    store = Store(url)
    when = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)
    store.record_red_flag_check("Gone", dict.fromkeys(RED_FLAGS, False))
    store.delete_session(store.save_session(SessionRecord("Gone", "Daily", when)).id)
    skipped = SetLog("side-plank", 1, side="left", hold_planned=20.0, hold_done=0.0,
                     completed=False)  # fmt: skip
    removed = SetLog("old-band-row", 1, reps_planned=10, reps_done=10)  # not in the tables
    store.save_session(SessionRecord("Odd", "Daily", when, sets=(skipped, removed)))
    store.save_session(SessionRecord("One", "Daily", when, pain_before=4, pain_after=3,
                                     sets=(SetLog("plank", 1, hold_planned=30.0, hold_done=30.0),),
                                     prescription={"times_per_day": 1, "days_per_week": 3}))  # fmt: skip
    return url


@pytest.mark.parametrize(
    ("client", "says"),
    [
        ("Gone", "No sessions logged yet."),
        ("Odd", "Not enough pain scores yet"),
        ("One", "Too early to show a trend"),
    ],
)
def test_a_report_for_a_client_with_little_data(odd_clients_url, tmp_path, client, says):
    page = write_report(client, tmp_path / "r.html", database=odd_clients_url).read_text()
    assert f"Progress report: {client}" in page and says in page and "Safety first" in page


def test_a_report_beside_a_broken_own_exercises_file(clinic_url, tmp_path, workbook_home):
    own = write_csv(
        workbook_home / "exercises.csv",
        [GOOD_EXERCISE, {**GOOD_EXERCISE, "id": "cafe-stretch", "name": "Café stretch"}],
    )
    own.write_bytes(own.read_text(encoding="utf-8").encode("latin-1"))  # é on line 3
    path = write_report("Demo: Ana (improving)", tmp_path / "ana.html", database=clinic_url)
    page = path.read_text()
    assert "Your own exercises were not loaded; this report uses the shipped ones" in page
    assert "exercises.csv, line 3, column 'name': byte 0xE9 is not UTF-8" in page
    assert "clinically important improvement" in page
