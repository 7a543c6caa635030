"""Private by design, through a real JupyterHub: each person sees only their own data.

The trial hub of `make hub` (hub/trial.py) is started on 127.0.0.1 with a coach and two
clients, each a system user with a server of their own and a PostgreSQL role of their own.
The tests run in order, as the people would: Alice logs a session; Bob finds none of it,
not in the app, not with raw SQL from a notebook, not at Alice's server's address; the
coach sees both. Then the kernels left by the closed pages are counted until culled.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.audit import assert_accessible
from tests.browser.hub import (
    WAIT,
    kernels_of,
    log_in,
    put_notebook,
    server_url,
    start_trial_hub,
    wait_for_kernels,
)
from tests.browser.servers import shot

KERNEL_IDLE = 20  # s: short here; the hub's own default is 20 minutes
APP = "voila/render/app/my-back.ipynb"

RAW_SQL = """
import json, os
import sqlalchemy as sa
url = os.environ["UPPERBACK_DATABASE_URL"]
seen = {}
with sa.create_engine(url).connect() as conn:
    for table in ("clients", "sessions", "set_logs", "red_flag_checks", "routine_versions"):
        seen[table] = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
    seen["names"] = sorted(conn.exec_driver_sql("SELECT name FROM clients").scalars())
    seen["role"] = conn.exec_driver_sql("SELECT session_user").scalar()
    others = conn.exec_driver_sql(
        "SELECT rolname FROM pg_roles WHERE rolcanlogin AND rolname <> session_user"
    ).scalars().all()
    try:
        conn.exec_driver_sql("DELETE FROM sessions")
        seen["deleted"] = "allowed"
    except Exception:
        seen["deleted"] = "refused"
    conn.rollback()
seen["as_alice"] = "refused"
for role in others:  # every other login role, with a guessed password
    try:
        sa.create_engine(sa.engine.make_url(url).set(username=role, password="x")).connect().close()
        seen["as_alice"] = "connected"
    except Exception:
        pass
try:
    os.listdir("/home/ubtest-alice")
    seen["alice_home"] = "readable"
except PermissionError:
    seen["alice_home"] = "refused"
print("RESULT " + json.dumps(seen))
"""


@pytest.fixture(scope="module")
def hub():
    trial = start_trial_hub(kernel_idle=KERNEL_IDLE)
    yield trial
    trial.stop()


@pytest.fixture
def person(browser):
    """A browser of one's own, closed at the end of the test (its kernels then go idle)."""
    contexts = []

    def new_page():
        context = browser.new_context(viewport={"width": 1300, "height": 950})
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def open_app(page, hub, name: str) -> None:
    page.goto(server_url(hub, name, APP), timeout=WAIT)
    page.wait_for_selector(".upperback-app-welcome", timeout=WAIT)
    assert f"Welcome, {name}" in page.locator(".upperback-app").inner_text()
    assert not page.locator(".upperback-app-name input").is_visible()  # no name to type


def log_by_hand(page, pain_before: str, pain_after: str) -> None:
    page.get_by_role("tab", name="Log by hand").click()
    page.locator(".upperback-picker select:visible").first.select_option(
        value="starter: Daily bridge"
    )
    page.locator(".upperback-picker-open-button:visible").click()
    page.wait_for_selector(".upperback-log-flag-submit:visible", timeout=WAIT)
    assert page.locator(".upperback-log-save:visible").is_disabled()  # warning signs first
    page.locator(".upperback-log-flag-submit:visible").click()
    page.wait_for_function(
        "[...document.querySelectorAll('.upperback-log-save')].some(b => !b.disabled)"
    )
    page.locator(".upperback-log-pain-before:visible select").select_option(value=pain_before)
    page.locator(".upperback-log-pain-after:visible select").select_option(value=pain_after)
    page.locator(".upperback-log-save:visible").click()
    page.wait_for_function(
        "[...document.querySelectorAll('.upperback-log-status')]"
        ".some(s => s.innerText.includes('Saved'))",
        timeout=WAIT,
    )


def test_a_client_logs_in_and_logs_a_session_by_hand(hub, person):
    alice = hub.clients[0]
    page = person()
    log_in(page, hub, alice, screenshot="hub-login")
    open_app(page, hub, alice)
    log_by_hand(page, "6", "4")
    shot(page, "hub-client-app")
    page.get_by_role("tab", name="My sessions").click()
    page.wait_for_function(
        "document.querySelector('.upperback-log-history-list select')?.options.length === 1",
        timeout=WAIT,
    )


def test_the_login_page_and_the_app_behind_it_pass_the_audit(hub, person):
    """The hub's own login page (its orange darkened by hub/templates/page.html) and the
    app as the hub serves it pass tests/browser/audit.py's WCAG 2.2 A and AA audit."""
    alice = hub.clients[0]
    page = person()
    page.goto(f"{hub.url}/hub/login", timeout=WAIT)
    page.wait_for_selector("#login_submit", timeout=WAIT)
    assert_accessible(page, "the hub's login page")
    log_in(page, hub, alice)
    open_app(page, hub, alice)
    assert_accessible(page, "the app on the hub")


def test_another_client_finds_none_of_it(hub, person):
    alice, bob = hub.clients
    page = person()
    log_in(page, hub, bob)
    open_app(page, hub, bob)
    page.get_by_role("tab", name="My progress").click()
    page.wait_for_function(
        "document.querySelector('.upperback-progress-summary')"
        ".innerText.includes('No sessions logged yet')",
        timeout=WAIT,
    )
    page.get_by_role("tab", name="My sessions").click()
    assert alice not in page.locator(".upperback-app").inner_text()
    # Raw SQL from a notebook in Bob's own server, with the database URL it was handed.
    assert put_notebook(page, hub, bob, "look.ipynb", RAW_SQL) in (200, 201)
    page.goto(server_url(hub, bob, "voila/render/look.ipynb"), timeout=WAIT)
    page.wait_for_function("document.body.innerText.includes('RESULT ')", timeout=WAIT)
    seen = json.loads(re.search(r"RESULT (\{.*\})", page.locator("body").inner_text())[1])
    assert seen == {"clients": 0, "sessions": 0, "set_logs": 0, "red_flag_checks": 0,
                    "routine_versions": 0, "names": [], "role": seen["role"], "deleted": "refused",
                    "as_alice": "refused", "alice_home": "refused"}  # fmt: skip
    assert bob not in seen["role"]  # a role name says nothing of whose it is
    # Alice's server, at its address, is not Bob's to open.
    response = page.goto(server_url(hub, alice, APP), timeout=WAIT)
    assert response.status in (403, 404)
    assert page.locator(".upperback-app").count() == 0
    page.goto(server_url(hub, bob, APP), timeout=WAIT)
    page.wait_for_selector(".upperback-app-welcome", timeout=WAIT)
    log_by_hand(page, "3", "2")


def test_the_coach_sees_both_clients_on_the_dashboard(hub, person):
    page = person()
    log_in(page, hub, hub.coach)
    page.goto(
        server_url(hub, hub.coach, "voila/render/notebooks/06-coach-dashboard.ipynb"),
        timeout=WAIT,
    )
    page.wait_for_selector(".upperback-dashboard-clinic", timeout=WAIT)
    clinic = page.locator(".upperback-dashboard-clinic").inner_text()
    assert all(client in clinic for client in hub.clients), clinic
    assert "Demo:" not in clinic  # the real clinic, not the demo one
    page.locator(".upperback-dashboard-clinic").scroll_into_view_if_needed()
    shot(page, "hub-coach-dashboard")


def easy_sessions(hub, client: str) -> None:
    """Three easy sessions of the client's own routine, the last ones logged (after the
    session the first test logged by hand): ready for a step up."""
    from datetime import timedelta

    from upperback import Library
    from upperback.routines import Routine, RoutineItem, check_routine, routine_to_dict
    from upperback.sessions import SessionRecord, now_utc, planned_sets
    from upperback.store import Store

    routine = Routine("Back basics", client=client, days_per_week=2,
                      items=(RoutineItem("superman"), RoutineItem("knee-plank")))  # fmt: skip
    sets = tuple(planned_sets(check_routine(routine, Library.load(user=False)).phases))
    store = Store(hub.admin_url)
    for seconds_ago in (3, 2, 1):
        store.save_session(SessionRecord(
            client, routine.name, now_utc() - timedelta(seconds=seconds_ago), pain_before=3,
            pain_after=2, effort=3.0, sets=sets, prescription=routine_to_dict(routine)))  # fmt: skip
    store.close()


def test_the_coach_plans_next_week_and_only_that_client_sees_it(hub, person):
    """The coach's routine files are on the coach's server: the change reaches the client's
    own server through the log, and nobody else's."""
    alice, bob = hub.clients
    easy_sessions(hub, alice)
    page = person()
    log_in(page, hub, hub.coach)
    page.goto(server_url(hub, hub.coach, "voila/render/notebooks/06-coach-dashboard.ipynb"),
              timeout=WAIT)  # fmt: skip
    page.wait_for_selector(".upperback-coach", timeout=WAIT)
    page.locator(".upperback-coach .lm-TabBar-tab", has_text="Plan next week").click()
    page.locator(".upperback-review-client select").select_option(value=alice)
    page.wait_for_function(
        "document.querySelector('.upperback-review-heading').innerText.includes('Back basics')",
        timeout=WAIT,
    )
    page.locator(".upperback-review-row").first.locator(".upperback-review-accept-button").click()
    page.wait_for_function(
        "document.querySelector('.upperback-review-diff').innerText.includes('version 2')",
        timeout=WAIT,
    )
    shot(page, "hub-coach-plans-next-week")
    mine = person()
    log_in(mine, hub, alice)
    open_app(mine, hub, alice)
    news = mine.locator(".upperback-news").inner_text().replace("\xa0", " ")
    assert "New this week" in news and "Superman: 10 → 12 reps" in news
    shot(mine, "hub-client-new-this-week")
    theirs = person()
    log_in(theirs, hub, bob)
    open_app(theirs, hub, bob)
    assert theirs.locator(".upperback-news").count() == 0
    assert "Back basics" not in theirs.locator(".upperback-app").inner_text()


def test_kernels_of_closed_pages_are_culled(hub, browser):
    """Each open app page has a kernel; pages closed without a goodbye (a closed laptop, a
    killed browser) leave theirs behind, which are shut down once idle."""
    alice, loads = hub.clients[0], 4
    context = browser.new_context()
    log_in(context.new_page(), hub, alice)
    for _ in range(loads):  # four tabs, all open at once
        page = context.new_page()
        page.goto(server_url(hub, alice, APP), timeout=WAIT)
        page.wait_for_selector(".upperback-app-welcome", timeout=WAIT)
    peak = kernels_of([alice])
    context.close()  # the browser goes away
    left, waited = wait_for_kernels([alice], at_most=0, timeout=KERNEL_IDLE * 3 + 30)
    print(f"\nkernels: {peak} alive after {loads} loads of the app; {left} left {waited:.0f} s "
          f"after the page closed (culled after {KERNEL_IDLE} s idle)")  # fmt: skip
    assert peak >= loads
    assert left == 0
