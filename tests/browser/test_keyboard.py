"""Everything by keyboard alone: Tab, Shift+Tab, Space, Enter and the arrow keys, no clicks.

At every step the control with the focus shows it (an outline or a ring), and Tab moves
through the page in its reading order: later in the document, and down the page (or up
to the top of the next column on the right), never back to a control already passed.
"""

from __future__ import annotations

import time

from tests.browser.servers import Server, shot
from tests.browser.test_browser import WAIT, open_voila, text
from tests.browser.test_coach_loop import FAY, clinic_home  # noqa: F401 - the demo clinic

# What has the focus: what it is, whether it shows, and where it stands against the
# control that had the focus before (both measured now: the page may have changed since).
FOCUSED = """selector => {
    const place = el => {
        const box = el.getBoundingClientRect();
        // Where it is on the page, however far the page (or a box around it) is scrolled.
        let [down, across] = [0, 0];  // the document scrolls in <html>, counted here
        for (let up = el.parentElement; up; up = up.parentElement) {
            down += up.scrollTop;
            across += up.scrollLeft;
        }
        return {top: box.top + down, left: box.left + across, width: box.width,
                height: box.height};
    };
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const name = el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder || '';
    const before = window.upperbackLastFocus;
    const known = before && before.isConnected && before !== el;
    window.upperbackLastFocus = el;
    return {
        hit: el.matches(selector), tag: el.tagName.toLowerCase(), type: el.type || '',
        name: String(name).trim().slice(0, 50), ring: outline || style.boxShadow !== 'none',
        classes: String(el.className), outline: `${style.outlineStyle} ${style.outlineWidth}`,
        ...place(el),
        after: known ? Boolean(before.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
        before: known ? place(before) : null,
    };
}"""


class Keys:
    """A person at the keyboard: presses keys and checks where the focus goes."""

    def __init__(self, page):
        self.page = page

    def where(self, selector: str = "*"):
        return self.page.evaluate(FOCUSED, selector)

    def tab_to(self, selector: str, *, back: bool = False, limit: int = 40) -> dict:
        """Press Tab (Shift+Tab with ``back``) until ``selector`` has the focus.

        Each stop on the way must show its focus, and follow the one before in reading
        order: later in the document and not above it (earlier, going back).
        """
        seen = []
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            now = self.where(selector)
            assert now is not None, f"the focus left the page's controls after {seen}"
            seen.append(f"{now['tag']} {now['name']!r}")
            assert now["ring"], f"no visible focus on {seen[-1]}: {now['outline']}"
            assert now["width"] > 0 and now["height"] > 0, f"focus on a hidden control {seen[-1]}"
            # (A date box takes a Tab for each of its parts: the same box again.)
            last = now["before"]
            if last is not None:
                assert now["after"] != back, f"the focus jumped out of order: {seen}"
                # Down the page, or up to the top of the next column on the right.
                next_column = now["left"] >= last["left"] + last["width"] - 1
                if not back and not next_column:
                    assert now["top"] >= last["top"] - 8, f"the focus went up the page: {seen}"
            if now["hit"]:
                return now
        raise AssertionError(f"{selector} not reached by Tab: {seen}")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def type(self, words: str) -> None:
        self.page.keyboard.type(words)

    def choose(self, selector: str, label: str, *, limit: int = 30) -> None:
        """Tab to a drop-down and change it with the arrow keys until it reads ``label``."""
        self.tab_to(f"{selector} select")
        for key in ("ArrowDown", "ArrowUp"):
            for _ in range(limit):
                if self.page.evaluate("document.activeElement.value") == label:
                    return
                self.press(key)
                time.sleep(0.05)
        raise AssertionError(f"{label!r} not among the choices of {selector}")

    def moved_on(self) -> None:
        """The page changed under the focus (a view replaced): start counting afresh."""
        self.page.evaluate("window.upperbackLastFocus = null")


def wait_text(page, selector: str, words: str) -> None:
    page.wait_for_function(
        "([s, w]) => document.querySelector(s) && document.querySelector(s).innerText"
        ".replace(/\\u00a0/g, ' ').includes(w)",
        arg=[selector, words],
        timeout=WAIT,
    )


# Resolves once nothing has been added to or taken from the page for ``ms`` milliseconds.
SETTLED = """ms => new Promise(done => {
    const finish = () => { watch.disconnect(); done(true); };
    let timer = setTimeout(finish, ms);
    const watch = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, ms); });
    watch.observe(document.body, {subtree: true, childList: true});
})"""


def settle(page, ms: int = 700) -> None:
    """Wait until the page has stopped changing (the kernel has drawn what it was asked)."""
    page.evaluate(SETTLED, ms)


def phase(page) -> str:
    return text(page, ".upperback-timerpage .upperback-timer-phase-label")


def submit_the_signs(page, keys: Keys) -> None:
    """Enter on Submit; the focus goes on to the routine's choice, not to the page's top."""
    keys.press("Enter")
    page.wait_for_selector(".upperback-picker-choice", state="visible", timeout=WAIT)
    page.wait_for_function(
        "document.activeElement.closest('.upperback-picker-choice') !== null", timeout=WAIT
    )
    keys.moved_on()
    keys.press("Shift+Tab")  # choose() tabs to the choice: from just before it


def test_a_client_does_everything_by_keyboard(page, voila_app):
    keys = Keys(page)
    page.goto(voila_app.url(""), timeout=WAIT)
    page.wait_for_selector(".upperback-app-name input", timeout=WAIT)
    # First visit: the name, then Enter on the button.
    keys.tab_to(".upperback-app-name input")
    keys.type("Keys Kim")
    keys.tab_to(".upperback-app-open")
    keys.press("Enter")
    page.wait_for_selector(".upperback-log-flag input", timeout=WAIT)
    keys.moved_on()
    # The warning signs: Space ticks a box and unticks it; then Submit.
    first_sign = ".upperback-log-flag input"
    keys.tab_to(first_sign)
    keys.press("Space")
    assert page.locator(first_sign).first.is_checked()
    keys.press("Space")
    assert not page.locator(first_sign).first.is_checked()
    keys.tab_to(".upperback-log-flag-submit")
    submit_the_signs(page, keys)
    # The routine, then the timer: start, pause, resume, skip, back, stop.
    keys.choose(".upperback-timerpage .upperback-picker-choice", "starter: Daily bridge")
    keys.tab_to(".upperback-timerpage .upperback-picker-open-button")
    keys.press("Enter")
    page.wait_for_selector(".upperback-timerpage .upperback-timer-start-button", timeout=WAIT)
    keys.tab_to(".upperback-timer-start-button")
    shot(page, "keyboard-timer-start")
    keys.press("Space")
    page.wait_for_function(
        "document.querySelector('.upperback-timer-start-button').disabled", timeout=WAIT
    )
    # Start is off while the run counts: the focus is on Pause, next to it.
    page.wait_for_function(
        "document.activeElement.classList.contains('upperback-timer-pause-button')", timeout=WAIT
    )
    assert keys.where()["ring"]
    keys.press("Space")
    wait_text(page, ".upperback-timer-phase-label", "paused")
    keys.press("Enter")  # resume
    page.wait_for_function(
        "!document.querySelector('.upperback-timer-phase-label').innerText.includes('paused')"
    )
    before = phase(page)
    keys.tab_to(".upperback-timer-skip-button")
    keys.press("Enter")
    page.wait_for_function(
        "w => document.querySelector('.upperback-timer-phase-label').innerText !== w", arg=before
    )
    skipped = phase(page)
    assert skipped != before
    keys.tab_to(".upperback-timer-back-button", back=True)
    keys.press("Enter")
    wait_text(page, ".upperback-timer-phase-label", before.split(" ·")[0])
    keys.moved_on()
    keys.tab_to(".upperback-timer-stop-button")
    keys.press("Enter")
    page.wait_for_selector(".upperback-log-form", timeout=WAIT)
    page.wait_for_function("!document.querySelector('.upperback-log-save').disabled")
    keys.moved_on()
    # The log: pain before and after by the arrow keys, then Save.
    keys.choose(".upperback-log-pain-before", "4")
    keys.choose(".upperback-log-pain-after", "3")
    keys.tab_to(".upperback-log-save")
    shot(page, "keyboard-log")
    keys.press("Enter")
    wait_text(page, ".upperback-log-status", "Saved")
    # Back up to the tabs, and on to My progress with the arrow keys.
    keys.moved_on()
    tab = keys.tab_to(".lm-TabBar-tab", back=True, limit=80)
    assert "Run my routine" in tab["name"]
    for _ in range(2):
        keys.press("ArrowRight")
    keys.press("Enter")
    wait_text(page, ".upperback-progress-summary", "Pain")
    assert "4 before and 3 after" in text(page, ".upperback-progress-summary")
    assert "My progress" in keys.where()["name"] and keys.where()["ring"]
    shot(page, "keyboard-progress")
    assert not page.errors


def test_the_timers_own_keys_leave_other_controls_alone(page, voila_app):
    """Space starts and pauses, → skips, ← goes back; Space on a button presses that button."""
    keys = Keys(page)
    page.goto(voila_app.url(""), timeout=WAIT)
    page.wait_for_selector(".upperback-app-name input", timeout=WAIT)
    keys.tab_to(".upperback-app-name input")
    keys.type("Keys Lou")
    keys.tab_to(".upperback-app-open")
    keys.press("Enter")
    page.wait_for_selector(".upperback-log-flag-submit", timeout=WAIT)
    keys.moved_on()
    keys.tab_to(".upperback-log-flag-submit")
    submit_the_signs(page, keys)
    keys.choose(".upperback-timerpage .upperback-picker-choice", "starter: Daily bridge")
    keys.tab_to(".upperback-timerpage .upperback-picker-open-button")
    keys.press("Enter")
    page.wait_for_selector(".upperback-timer-start-button", timeout=WAIT)
    page.evaluate("document.activeElement.blur()")  # the focus on the page, not a control
    keys.press("Space")
    page.wait_for_function("document.querySelector('.upperback-timer-start-button').disabled")
    first = phase(page)
    page.wait_for_function(  # the arrows work on the timer's buttons too
        "document.activeElement.classList.contains('upperback-timer-pause-button')", timeout=WAIT
    )
    keys.press("ArrowRight")
    page.wait_for_function(
        "w => document.querySelector('.upperback-timer-phase-label').innerText !== w", arg=first
    )
    keys.press("ArrowLeft")
    wait_text(page, ".upperback-timer-phase-label", first.split(" ·")[0])
    keys.press("Space")
    wait_text(page, ".upperback-timer-phase-label", "paused")
    keys.press("Space")
    page.wait_for_function(
        "!document.querySelector('.upperback-timer-phase-label').innerText.includes('paused')"
    )
    # On the Stop button, Space stops (it does not pause).
    keys.moved_on()
    keys.tab_to(".upperback-timer-stop-button")
    keys.press("Space")
    page.wait_for_selector(".upperback-log-form", timeout=WAIT)
    assert "Stopped" in text(page, ".upperback-timer-countdown")
    assert not page.errors


def test_the_coach_filters_the_exercises_by_keyboard(page, voila_notebooks):
    keys = Keys(page)
    open_voila(page, voila_notebooks, "01-explore-the-exercises.ipynb", ".upperback-explorer")
    keys.choose(".upperback-explorer-category", "strength")
    wait_text(page, ".upperback-explorer-count", " of ")
    keys.tab_to(".upperback-explorer-matches select")
    keys.press("ArrowDown")
    wait_text(page, ".upperback-explorer-details", "Cues")
    shot(page, "keyboard-explorer")
    assert not page.errors


def test_the_coach_builds_a_routine_by_keyboard(page, voila_notebooks):
    keys = Keys(page)
    open_voila(page, voila_notebooks, "02-build-a-routine.ipynb", ".upperback-builder")
    keys.tab_to(".upperback-builder-name input")
    page.keyboard.press("Control+a")
    keys.type("Keyboard routine")
    for _ in range(2):  # the first two exercises of the library, one after the other
        keys.tab_to(".upperback-builder-pick select", back=True)
        keys.press("ArrowDown")
        keys.tab_to(".upperback-builder-add-button")
        keys.press("Enter")
        keys.moved_on()
    radios = ".upperback-builder-items input[type=radio]"
    page.wait_for_function(f"document.querySelectorAll('{radios}').length === 2")
    # The items: Tab on to the first one, Space chooses it, Tab on to its dose.
    keys.tab_to(f"{radios}[value='0']")
    keys.press("Space")
    page.wait_for_function(f"document.querySelectorAll('{radios}')[0].checked")
    wait_text(page, ".upperback-builder-summary", "About")
    keys.tab_to(".upperback-builder-sets input")
    keys.tab_to(".upperback-builder-save-button")
    keys.press("Enter")
    wait_text(page, ".upperback-builder-status", "Saved to")
    shot(page, "keyboard-builder")
    assert not page.errors


def test_the_coach_accepts_a_suggestion_by_keyboard(page, clinic_home):  # noqa: F811
    keys = Keys(page)
    coach = Server("voila", "notebooks", clinic_home)
    try:
        open_voila(page, coach, "06-coach-dashboard.ipynb", ".upperback-coach")
        # The coach's page: its tabs, then next week's suggestions for one client.
        tab = keys.tab_to(".upperback-coach .lm-TabBar-tab")
        while "Plan next week" not in tab["name"]:
            keys.press("ArrowRight")
            tab = keys.where()
            assert tab["ring"] and "lm-TabBar-tab" in tab["classes"], tab
        keys.press("Enter")
        page.wait_for_selector(".upperback-review-client", state="visible", timeout=WAIT)
        keys.moved_on()
        keys.choose(".upperback-review-client", FAY)
        wait_text(page, ".upperback-review-heading", "Rows and planks")
        settle(page)  # the client's rows drawn, as a person sees them before moving on
        keys.tab_to(".upperback-review-row .upperback-review-accept-button")
        keys.press("Enter")
        wait_text(page, ".upperback-review-diff", "version 2")
        shot(page, "keyboard-suggestion")
        assert not page.errors
    finally:
        coach.stop()
