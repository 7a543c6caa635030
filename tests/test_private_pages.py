"""A client's pages reach only their own rows, see only their routines, and check safety first."""

from datetime import UTC, date, datetime, timedelta

import pytest

from upperback.app import ClientApp
from upperback.identity import Identity
from upperback.pages import HistoryPage, ManualLog, TimerAndLog, TimerPage
from upperback.routine_files import routine_choices, save_routine, starter_routine
from upperback.routines import check_routine
from upperback.rules.safety import RED_FLAGS, URGENT_FLAGS
from upperback.sessions import SessionRecord
from upperback.store import Store
from upperback.store.schema import red_flag_checks
from upperback.widgets import RoutinePicker
from upperback.widgets.red_flags import SEEN_LABEL


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    store.save_session(SessionRecord("Kim", "Daily bridge", datetime(2026, 3, 2, tzinfo=UTC)))
    return store


def open_app(store, library, name="Sam"):
    return ClientApp(store, library, identity=Identity(name, "profile"))


def test_no_client_page_lists_another_clients_name(store, library):
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    app = open_app(store, library)
    assert app.history.history.client.options == ("Sam",)
    assert app.history.history.list.options == ()
    for page in app.tabs.children[:2]:
        assert page.store.clients() == ["Sam"]
    history = HistoryPage(store, library, client="Sam")
    assert history.history.client.options == ("Sam",)
    assert ManualLog(store, library, client="Sam").store.sessions("Kim") == []


def test_a_client_page_cannot_delete_another_clients_session(store, library):
    [kim] = store.sessions("Kim")
    page = HistoryPage(store, library, client="Sam")
    assert page.store.delete_session(kim.id) is False
    assert [s.id for s in store.sessions("Kim")] == [kim.id]


def test_the_timer_stays_closed_until_the_warning_signs_are_answered(store, library):
    page = TimerAndLog(store, library, client="Sam").page
    assert page.picker.layout.display == "none" and page.stage.layout.display == "none"
    assert "Answer the warning signs" in page.gate.reason.value
    page.picker.checked = check_routine(starter_routine("daily-bridge"), library)
    assert page.timer is None and "warning signs" in page.picker.status.value  # no way round
    page.gate.check.submit.click()
    assert page.may_start and page.picker.layout.display is None
    assert page.gate.children == ()
    assert TimerPage(library, store=store, client="Sam").may_start  # not asked again


@pytest.mark.parametrize(
    ("ticked", "urgent"), [(["fever"], False), (list(URGENT_FLAGS), True)], ids=["yes", "urgent"]
)
def test_a_yes_keeps_the_timer_closed_until_a_professional_has_seen_them(
    store, library, ticked, urgent
):
    page = TimerPage(library, store=store, client="Sam")
    for flag in ticked:
        page.gate.check.answers[flag].value = True
    page.gate.check.submit.click()
    assert not page.may_start and page.picker.layout.display == "none"
    check = page.gate.check
    assert "see a doctor or physiotherapist" in check.result.value
    assert ("emergency services" in check.result.value) is urgent
    assert ("urgent medical care today" in check.result.value) is urgent
    # Opened again later, the page still waits, and asks only for the all-clear.
    again = TimerPage(library, store=store, client="Sam")
    if urgent:  # chest pain: nothing to tick today, and the coach can clear it sooner
        assert not again.may_start and "stays closed today" in again.gate.reason.value
        assert "your coach records" in again.gate.reason.value
        assert again.gate.check.clearance.layout.display == "none"
        with store.engine.begin() as conn:  # the next day
            conn.execute(
                red_flag_checks.update().values(checked_at=datetime.now(UTC) - timedelta(days=1))
            )
        again = TimerPage(library, store=store, client="Sam")
    assert not again.may_start and "professional has seen you" in again.gate.reason.value
    assert again.gate.check.seen.description == SEEN_LABEL
    assert again.gate.check.seen_button.disabled  # ticking the box comes first
    assert again.gate.check.seen_on.value == date.today()  # the day seen: today, to change
    again.gate.check.seen.value = True
    again.gate.check.seen_button.click()
    assert again.may_start and again.picker.layout.display is None
    assert again.picker.choice.options  # the routine menu is filled, not blank
    cleared = store.last_red_flag_check("Sam")
    assert cleared["cleared_by"] == "client" and cleared["seen_on"] == date.today()


def test_the_day_seen_can_be_neither_before_the_check_nor_in_the_future(store, library):
    store.record_red_flag_check("Sam", {"fever": True})
    check = TimerPage(library, store=store, client="Sam").gate.check
    check.seen.value = True
    for day, words in [
        (date.today() + timedelta(days=1), "in the future"),
        (date.today() - timedelta(days=3), "before the day you answered"),
    ]:
        check.seen_on.value = day
        check.seen_button.click()
        assert words in check.result.value and "Nothing was saved" in check.result.value
        assert "see a doctor or physiotherapist" in check.result.value  # the advice stays
        assert store.last_red_flag_check("Sam")["cleared_at"] is None


def test_the_warning_signs_are_asked_again_after_twelve_weeks(store, library):
    store.record_red_flag_check("Sam", dict.fromkeys(RED_FLAGS, False))
    with store.engine.begin() as conn:
        conn.execute(
            red_flag_checks.update().values(checked_at=datetime.now(UTC) - timedelta(weeks=13))
        )
    page = TimerPage(library, store=store, client="Sam")
    assert not page.may_start and "12 weeks or more" in page.gate.reason.value
    page.gate.check.submit.click()
    assert page.may_start


def test_a_client_sees_only_the_routines_assigned_to_them_first(library):
    bridge = starter_routine("daily-bridge")
    for name, client in (("Sam's bridge", "sam"), ("Kim's bridge", "Kim"), ("Shared", "")):
        save_routine(bridge.__class__(**{**bridge.__dict__, "name": name, "client": client}),
                     _path(name))  # fmt: skip
    (_path("broken")).write_text('{"client": "Kim", "format": ')
    starters = [c.label for c in routine_choices() if c.starter]
    for_sam = [c.label for c in routine_choices(client="Sam")]
    assert for_sam == ["Sam's bridge (sam-s-bridge.json)", *starters]  # their coach's first
    everything = [c.label for c in routine_choices()]
    assert {"Kim's bridge (kim-s-bridge.json)", "Shared (shared.json)"} < set(everything)
    assert "broken.json (cannot be read)" in everything
    assert [label for label, _ in RoutinePicker(library, client=" SAM ").choice.options] == for_sam
    page = ManualLog(Store(f"sqlite:///{_path('log').with_suffix('.db')}"), library, client="Sam")
    assert "Kim's bridge (kim-s-bridge.json)" not in [o[0] for o in page.picker.choice.options]


def _path(name):
    from upperback.routine_files import routines_folder

    slug = "".join(c if c.isalnum() else "-" for c in name.lower())
    return routines_folder() / f"{slug}.json"
