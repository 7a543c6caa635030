"""The timer's face in a real browser at phone size: it speaks, keeps the screen awake, and
keeps counting while the kernel is busy."""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.servers import Server, shot

WAIT = 120_000

NOTEBOOK = """
from upperback import Library
from upperback.routines import Routine, RoutineItem
from upperback.widgets import GuidedTimer
import ipywidgets as w, time
library = Library.load(user=False)
routine = Routine("Mat", items=(RoutineItem("side-plank", sets=1, hold_seconds=6,
                                             rest_after_seconds=0),))
timer = GuidedTimer(routine, library)
busy = w.Button(description="Keep the kernel busy")
busy.add_class("busy-button")
busy.on_click(lambda _: time.sleep(3))  # blocks the kernel: nothing is sent meanwhile
w.VBox([timer, busy])
"""

# Spy on speech and stub the wake lock before the page's own scripts run.
SPIES = """
window.spoken = [];
window.speechSynthesis.speak = (utterance) => window.spoken.push(utterance.text);
window.speechSynthesis.cancel = () => {};
window.locks = [];
Object.defineProperty(navigator, 'wakeLock', {value: {request: async (kind) => {
    const lock = {kind, released: false, addEventListener() {},
                  release: async () => { lock.released = true; }};
    window.locks.push(lock);
    return lock;
}}});
"""


@pytest.fixture(scope="module")
def voila_mat(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mat")
    cells = [{"cell_type": "code", "metadata": {}, "source": NOTEBOOK, "outputs": [],
              "execution_count": None}]  # fmt: skip
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3",
                "display_name": "Python 3", "language": "python"}}, "nbformat": 4,
                "nbformat_minor": 5}  # fmt: skip
    (folder / "mat.ipynb").write_text(json.dumps(notebook))
    server = Server("voila", str(folder / "mat.ipynb"), folder)
    yield server
    server.stop()


def countdown(page) -> str:
    return page.locator(".upperback-timer-countdown").inner_text().strip()


def test_the_face_speaks_keeps_awake_and_counts_through_a_busy_kernel(browser, voila_mat):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(SPIES)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(voila_mat.url(""), timeout=WAIT)
    page.wait_for_selector(".upperback-timer-countdown", timeout=WAIT)
    assert countdown(page) == "0:10"
    page.locator(".upperback-timer-start-button").click()
    page.wait_for_function("window.spoken.length >= 1", timeout=10_000)
    assert page.evaluate("window.spoken[0]") == "Get ready: Side plank"
    page.wait_for_function("window.locks.length === 1", timeout=5_000)
    assert page.evaluate("window.locks[0].kind") == "screen"

    page.locator(".busy-button").click()
    time.sleep(0.3)
    before = countdown(page)
    time.sleep(2.2)  # the kernel sleeps through this
    after = countdown(page)
    assert before != after, "the face stood still while the kernel was busy"
    shot(page, "timer-display-phone")

    # Into the work phase (rolled on by the browser), then pause: the lock goes.
    page.wait_for_function(
        "window.spoken.includes('Side plank, left side, 6 seconds')", timeout=15_000
    )
    page.wait_for_function("window.spoken.includes('Halfway')", timeout=10_000)
    page.locator(".upperback-timer-pause-button").click()
    page.wait_for_function("window.locks[0].released", timeout=10_000)
    assert page.locator(".upperback-timer-phase-label").inner_text().endswith("paused")
    # The big buttons sit in the lower part of the phone screen.
    for button in ("start", "pause", "done"):
        box = page.locator(f".upperback-timer-{button}-button").bounding_box()
        assert box["height"] >= 60 and box["y"] + box["height"] <= 844, (button, box)
    # Space resumes; the lock comes back; then the spoken countdown.
    page.locator("body").press(" ")
    page.wait_for_function("window.locks.length === 2", timeout=10_000)
    page.wait_for_function("['3', '2', '1'].every(n => window.spoken.includes(n))", timeout=15_000)
    page.locator(".upperback-timer-speech input").uncheck()
    page.locator(".upperback-timer-stop-button").click()
    page.wait_for_function("window.locks.every(lock => lock.released)", timeout=10_000)
    assert not errors, errors
    context.close()


# Every change the live region makes, in order, for the test to read.
LISTEN = """() => {
    const region = document.querySelector('.upperback-timer-announce');
    window.announced = [];
    new MutationObserver(() => window.announced.push(region.textContent))
        .observe(region, {childList: true, characterData: true, subtree: true});
}"""
STEADY_FACE = "rgb(243, 244, 246)"  # the face's own grey (timer_display.css)
FLASH = "rgb(253, 230, 138)"


def face_when_flashing(page) -> dict:
    page.wait_for_selector(".upperback-timer-face.upperback-timer-flash", timeout=5_000)
    return page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector('.upperback-timer-face'));
        return {background: style.backgroundColor, outline: style.outlineStyle};
    }""")


def announced(page) -> list[str]:
    return [words for words in page.evaluate("window.announced") if words]


def test_a_screen_reader_hears_each_step_once_and_the_flash_keeps_still(browser, voila_mat):
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    context.add_init_script(SPIES)
    page = context.new_page()
    page.goto(voila_mat.url(""), timeout=WAIT)
    page.wait_for_selector(".upperback-timer-countdown", timeout=WAIT)
    region = page.locator(".upperback-timer-announce")
    assert (
        region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    )
    page.evaluate(LISTEN)
    # Spoken cues off: the live region says each step.
    page.locator(".upperback-timer-speech input").uncheck()
    page.locator(".upperback-timer-start-button").click()
    page.wait_for_function("window.announced.includes('Get ready: Side plank')", timeout=10_000)
    # Asked for less motion, the face does not flash its colour; a steady frame marks it.
    assert face_when_flashing(page) == {"background": STEADY_FACE, "outline": "solid"}
    page.locator(".upperback-timer-skip-button").click()
    page.wait_for_function(
        "window.announced.includes('Side plank, left side, 6 seconds')", timeout=10_000
    )
    assert page.evaluate("window.spoken") == []  # nothing said aloud with the cues off
    shot(page, "timer-live-region-reduced-motion")
    # Spoken cues on: the region goes quiet, so nothing is said twice.
    page.locator(".upperback-timer-speech input").check()
    assert region.text_content() == ""
    heard = len(announced(page))
    page.locator(".upperback-timer-skip-button").click()
    page.wait_for_function("window.spoken.includes('Switch sides')", timeout=10_000)
    assert len(announced(page)) == heard and region.text_content() == ""
    # Without the request for less motion, the change flashes as before.
    page.emulate_media(reduced_motion="no-preference")
    page.locator(".upperback-timer-speech input").uncheck()
    page.locator(".upperback-timer-skip-button").click()
    assert face_when_flashing(page)["background"] == FLASH
    page.wait_for_function("window.announced.at(-1).includes('right side')", timeout=10_000)
    assert announced(page) == [
        "Get ready: Side plank",
        "Side plank, left side, 6 seconds",
        "Side plank, right side, 6 seconds",
    ]
    page.locator(".upperback-timer-stop-button").click()
    context.close()
