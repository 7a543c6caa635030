"""What a person sees and clicks, in a real browser, against real servers."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.browser.servers import ROOT, shot

WAIT = 120_000  # ms: a first kernel start and a notebook run can take a while on 2 cores


def open_voila(page, server, notebook: str, ready: str):
    page.goto(server.url(f"voila/render/{notebook}"), timeout=WAIT)
    page.wait_for_selector(ready, timeout=WAIT)


def choose(page, selector: str, label: str):
    """Pick an option by the text a person reads (ipywidgets uses it as the option's value)."""
    page.locator(f"{selector} select").select_option(value=label)


def text(page, selector: str) -> str:
    """What a person reads there (ipywidgets writes labels with non-breaking spaces)."""
    return page.locator(selector).inner_text().replace("\xa0", " ")


def test_the_explorer_filters_and_shows_an_exercise(page, voila_notebooks):
    open_voila(page, voila_notebooks, "01-explore-the-exercises.ipynb", ".upperback-explorer")
    assert "Safety first" in text(page, ".upperback-safety")
    choose(page, ".upperback-explorer-muscle", "Erector spinae")
    page.locator(".upperback-explorer-primary-only input").check()
    choose(page, ".upperback-explorer-category", "strength")
    page.wait_for_function(
        "document.querySelector('.upperback-explorer-count').innerText.startsWith('3 of')"
    )
    choose(page, ".upperback-explorer-matches", "Deadlift")
    page.wait_for_function(
        "document.querySelector('.upperback-explorer-details').innerText.includes('Deadlift')"
    )
    details = text(page, ".upperback-explorer-details")
    assert "Cues" in details and "Take care" in details
    assert page.locator(".upperback-explorer-chart").is_visible()
    assert page.locator(".upperback-explorer-body-map").is_visible()
    shot(page, "explorer")
    assert not page.errors


def test_a_routine_is_built_saved_and_loaded(page, voila_notebooks):
    open_voila(page, voila_notebooks, "02-build-a-routine.ipynb", ".upperback-builder")
    name = page.locator(".upperback-builder-name input")
    name.fill("Browser client")
    name.press("Tab")
    for exercise in ("Can openers", "Plank"):
        choose(page, ".upperback-builder-pick", exercise)
        page.locator(".upperback-builder-add-button").click()
    page.wait_for_function(
        "document.querySelectorAll('.upperback-builder-items input[type=radio]').length === 2"
    )
    assert "About" in text(page, ".upperback-builder-summary")
    page.locator(".upperback-builder-save-button").click()
    page.wait_for_function(
        "document.querySelector('.upperback-builder-status').innerText.includes('Saved to')"
    )
    shot(page, "builder")
    # Open the starter, then the saved routine again.
    choose(page, ".upperback-builder-load-choice", "starter: Thoracic five")
    page.locator(".upperback-builder-load-button").click()
    page.wait_for_function(
        "document.querySelectorAll('.upperback-builder-items input[type=radio]').length === 5"
    )
    choose(page, ".upperback-builder-load-choice", "Browser client (browser-client.json)")
    page.locator(".upperback-builder-load-button").click()
    page.wait_for_function(
        "document.querySelector('.upperback-builder-status').innerText.includes('Opened Browser client')"
    )
    assert page.locator(".upperback-builder-items input[type=radio]").count() == 2


def pass_the_warning_signs(page, scope: str = ".upperback-timerpage ") -> None:
    """Answer the warning-signs check that stands before a first session: none apply."""
    page.wait_for_selector(scope + ".upperback-log-flag-submit", timeout=WAIT)
    page.locator(scope + ".upperback-log-flag-submit").click()
    page.wait_for_selector(scope + ".upperback-picker-choice", state="visible", timeout=WAIT)


def open_my_workbook(page, name: str) -> None:
    """The app's first visit on a computer: the name asked once."""
    page.wait_for_selector(".upperback-app-name input", timeout=WAIT)
    page.locator(".upperback-app-name input").fill(name)
    page.locator(".upperback-app-name input").press("Tab")
    page.locator(".upperback-app-open").click()


def clock(page, scope: str = ".upperback-timerpage ") -> str:
    return text(page, scope + ".upperback-timer-countdown").strip()


def seconds(reading: str) -> int:
    minutes, secs = reading.split(":")
    return int(minutes) * 60 + int(secs)


def test_the_timer_counts_pauses_switches_sides_and_finishes(page, voila_notebooks):
    open_voila(page, voila_notebooks, "03-run-the-timer.ipynb", ".upperback-first-visit")
    assert page.locator(".upperback-timerpage").count() == 0  # nobody's page until named
    page.locator(".upperback-first-visit input").fill("Browser Tess")
    page.locator(".upperback-first-visit input").press("Tab")
    page.locator(".upperback-first-visit button").click()
    pass_the_warning_signs(page)
    choose(page, ".upperback-timerpage .upperback-picker-choice", "starter: Daily bridge")
    page.locator(".upperback-timerpage .upperback-picker-open-button").first.click()
    page.wait_for_selector(".upperback-timerpage .upperback-timer-start-button", timeout=WAIT)
    timer = ".upperback-timerpage "
    assert clock(page) == "0:10"
    page.locator(timer + ".upperback-timer-start-button").click()
    time.sleep(0.6)
    first = seconds(clock(page))
    time.sleep(2.2)
    second = seconds(clock(page))
    assert 1 <= first - second <= 3, (first, second)  # it counts down, visibly
    shot(page, "timer-running")

    page.locator(timer + ".upperback-timer-pause-button").click()
    time.sleep(0.3)
    paused = clock(page)
    time.sleep(2.0)
    assert clock(page) == paused and "paused" in text(page, timer + ".upperback-timer-phase-label")
    page.locator(timer + ".upperback-timer-pause-button").click()  # resume
    time.sleep(1.6)
    assert seconds(clock(page)) < seconds(paused)

    labels = []
    for _ in range(40):  # step through with Skip, noting every step shown
        label = text(page, timer + ".upperback-timer-phase-label")
        labels.append(label)
        if "Well done" in label:
            break
        page.locator(timer + ".upperback-timer-skip-button").click()
        time.sleep(0.25)
    joined = " | ".join(labels)
    assert "left side" in joined and "Switch to the right side" in joined and "right side" in joined
    assert "press Done" in joined  # rep-based sets wait for the client
    assert clock(page) == "Done" and labels[-1].startswith("Well done")
    assert page.locator(timer + ".upperback-timer-sound audio").count() >= 1
    shot(page, "timer-finished")


def test_the_quiz_scores_an_answer(page, voila_notebooks):
    open_voila(page, voila_notebooks, "07-lesson-why-the-upper-back-hurts.ipynb", ".upperback-quiz")
    page.locator(".upperback-quiz-choices input[type=radio]").first.check()
    page.locator(".upperback-quiz-check-button").click()
    page.wait_for_function(
        "document.querySelector('.upperback-quiz-score').innerText.includes('of 1')"
    )
    feedback = text(page, ".upperback-quiz-feedback")
    assert feedback.startswith(("Right.", "Not quite"))
    assert re.match(r"Score: [01] of 1", text(page, ".upperback-quiz-score"))
    shot(page, "quiz")


def test_the_app_logs_a_session_that_shows_in_progress_with_no_code(page, voila_app):
    page.goto(
        voila_app.url("voila/render/my-back.ipynb") if False else voila_app.url(""), timeout=WAIT
    )
    page.wait_for_selector(".upperback-app", timeout=WAIT)
    body = page.locator("body").inner_text()
    assert "import" not in body and "ClientApp" not in body  # no code on the page
    assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
    open_my_workbook(page, "Browser Sam")
    pass_the_warning_signs(page)
    choose(page, ".upperback-timerpage .upperback-picker-choice", "starter: Daily bridge")
    page.locator(".upperback-timerpage .upperback-picker-open-button").click()
    page.locator(".upperback-timer-start-button").click()
    time.sleep(1.5)
    page.locator(".upperback-timer-stop-button").click()
    page.wait_for_selector(".upperback-log-form", timeout=WAIT)
    page.wait_for_function("!document.querySelector('.upperback-log-save').disabled")
    choose(page, ".upperback-log-pain-before", "6")
    choose(page, ".upperback-log-pain-after", "8")
    page.wait_for_function(
        "document.querySelector('.upperback-log-warnings').innerText.includes('Pain of 8')"
    )
    page.locator(".upperback-log-save").click()
    page.wait_for_function(
        "document.querySelector('.upperback-log-status').innerText.includes('Saved')"
    )
    shot(page, "app-logged")
    page.get_by_text("My progress", exact=True).click()
    page.wait_for_function(
        "document.querySelector('.upperback-progress-summary').innerText.includes('Pain')"
    )
    page.wait_for_selector(".upperback-progress-chart", state="visible", timeout=WAIT)
    assert "high or rising pain" in text(page, ".upperback-progress-summary")
    shot(page, "app-progress")
    assert not page.errors


def run_all_until(page, selector: str, tries: int = 4) -> None:
    """Run All Cells, again if the kernel was not ready yet, until ``selector`` shows."""
    for attempt in range(tries):
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_text("Run All Cells", exact=True).click()
        try:
            page.wait_for_selector(selector, timeout=30_000)
            return
        except Exception:
            if attempt == tries - 1:
                raise


def test_jupyterlab_opens_the_first_notebook_and_runs_it(page, lab):
    page.goto(
        lab.url("lab/workspaces/explorer/tree/01-explore-the-exercises.ipynb?reset"), timeout=WAIT
    )
    page.wait_for_selector(".jp-Notebook", timeout=WAIT)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=WAIT)
    run_all_until(page, ".upperback-safety")
    # JupyterLab draws only the cells in view: scroll down until the explorer is there.
    for _ in range(40):
        if page.locator(".upperback-explorer").count():
            break
        page.locator(".jp-WindowedPanel-outer").first.evaluate("panel => panel.scrollBy(0, 700)")
        time.sleep(0.5)
    explorer = page.locator(".upperback-explorer")
    explorer.wait_for(timeout=WAIT)
    explorer.scroll_into_view_if_needed()
    assert "Can openers" in text(page, ".upperback-explorer-matches")
    shot(page, "jupyterlab")


def test_the_dashboard_shows_the_demo_clinic(page, voila_empty_log):
    open_voila(page, voila_empty_log, "06-coach-dashboard.ipynb", ".upperback-dashboard")
    page.wait_for_selector(".upperback-dashboard-chart", state="visible", timeout=WAIT)
    assert "pain" in text(page, ".upperback-dashboard-summary").lower()
    clinic = text(page, ".upperback-dashboard-clinic")
    for client in ("Demo: Ana", "Demo: Ben", "Demo: Cleo", "Demo: Dev", "Demo: Eli"):
        assert client in clinic
    choose(page, ".upperback-dashboard-client", "Demo: Dev (pain warnings)")
    page.wait_for_function(
        "document.querySelector('.upperback-dashboard-summary').innerText.includes('high or rising pain')"
    )
    page.locator(".upperback-dashboard-chart").scroll_into_view_if_needed()
    shot(page, "dashboard")


LESSON = "07-lesson-why-the-upper-back-hurts.ipynb"
# The one console error left in the slideshow, from inside jupyterlab-rise 0.43.1's own
# bundle (the newest release): its copy of FAST's design tokens recurses while styling a
# toolbar (microsoft/fast#7057). It happens with any notebook, even one markdown cell, and
# the slides work regardless; the lesson and our extensions add no error of their own.
UPSTREAM_RISE_ERROR = re.compile(r"^RangeError: Maximum call stack size exceeded$")


def slide_ids(lesson: Path) -> list[str]:
    """The (sub)slides the notebook's metadata asks for, as RISE numbers them."""
    ids, slide, sub = [], -1, 0
    for cell in json.loads(lesson.read_text())["cells"]:
        kind = cell["metadata"].get("slideshow", {}).get("slide_type")
        if kind == "slide" or slide < 0:
            slide, sub = slide + 1, 0
            ids.append(f"slide-{slide}-{sub}")
        elif kind == "subslide":
            sub += 1
            ids.append(f"slide-{slide}-{sub}")
    return ids


def wait_until_idle(page, seconds: float = 3.0, timeout: float = 240) -> None:
    """Until the kernel has been idle for ``seconds`` in a row: every cell has run."""
    idle = (
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']"
    )
    deadline, since = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        if page.locator(idle).count():
            since = since or time.monotonic()
            if time.monotonic() - since >= seconds:
                return
        else:
            since = None
        time.sleep(0.3)
    raise AssertionError("the notebook did not finish running")


def next_slide(slides) -> None:
    """Reveal's "next": down to the next subslide if there is one, else right."""
    for direction in ("down", "right"):
        arrow = slides.locator(f".reveal .controls .navigate-{direction}.enabled")
        if arrow.count():
            arrow.first.click()
            return
    raise AssertionError("no next slide to go to")


def test_the_lesson_runs_as_slides_with_live_widgets(browser, lab):
    lesson = ROOT / "notebooks" / LESSON
    committed = lesson.read_bytes()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lab.url(f"lab/workspaces/slides/tree/{LESSON}?reset"), timeout=WAIT)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=WAIT)
    assert page.locator(".jp-toast-container :text('Jupyter news')").count() == 0
    # The teacher runs the lesson, then opens the slides (Alt+R).
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    time.sleep(2)
    wait_until_idle(page)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").click()
    page.keyboard.press("Alt+r")
    slides = page.frame_locator("iframe:visible").first
    # The slides fill in once the notebook is read: wait for the title slide's words.
    slides.locator(".reveal .slides section", has_text="Why the upper back").first.wait_for(
        timeout=WAIT
    )
    assert "A lesson for the classroom" in slides.locator(".reveal .slides").inner_text()
    # Live widgets, not their text: the quiz and the muscle map are drawn.
    quiz = slides.locator(".upperback-quiz")
    quiz.wait_for(state="attached", timeout=WAIT)
    assert "Quiz(children" not in slides.locator(".reveal .slides").inner_text()
    assert slides.locator(".upperback-map-exercises").count() == 1
    # Code a class need not read is hidden: no editor shows on any slide.
    assert slides.locator(".reveal .jp-Cell .jp-InputArea-editor:visible").count() == 0
    shot(page, "slides")

    expected = slide_ids(lesson)
    assert [
        s.get_attribute("id") for s in slides.locator(".reveal .slides section[id^='slide-']").all()
    ] == expected
    seen, answered = [], False
    for _ in range(4 * len(expected)):  # fragments take a press of their own
        present = slides.locator(".reveal .slides section[id^='slide-'].present")
        current = present.get_attribute("id")
        if current not in seen:
            seen.append(current)
            if current in ("slide-1-0", "slide-4-1"):
                shot(page, f"slides-{current}")
        if not answered and present.locator(".upperback-quiz").count():
            present.locator(".upperback-quiz-choices input[type=radio]").first.check()
            present.locator(".upperback-quiz-check-button").click()
            feedback = present.locator(".upperback-quiz-feedback")
            feedback.filter(has_text=re.compile(r"Right\.|Not quite")).wait_for(timeout=WAIT)
            shot(page, "slides-quiz")
            answered = True
        if current == expected[-1]:
            break
        next_slide(slides)
        time.sleep(0.4)
    assert seen == expected, "every slide, in order"
    assert answered, "the quiz answered on its slide"
    context.close()
    unexpected = [e for e in errors if not UPSTREAM_RISE_ERROR.match(e)]
    assert not unexpected, unexpected
    assert lesson.read_bytes() == committed, "the repository's lesson was written to"


CUT_LABELS = """() => [...document.querySelectorAll('.upperback-log-flag')]
    .filter(box => [...box.querySelectorAll('*')].some(
        el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible'))
    .map(box => box.innerText)"""


@pytest.mark.parametrize(
    "size", [(1280, 800), (390, 844)], ids=["laptop-1280x800", "phone-390x844"]
)
def test_the_app_shows_the_timer_controls_without_scrolling(browser, voila_app, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(voila_app.url(""), timeout=WAIT)
    page.wait_for_selector(".upperback-app", timeout=WAIT)
    assert page.locator("details.upperback-safety-fold[open]").count() == 1  # read it first
    open_my_workbook(page, f"Browser fit {width}")
    # The warning signs come first, each label whole however narrow the screen.
    page.wait_for_selector(".upperback-log-flag", timeout=WAIT)
    assert page.evaluate(CUT_LABELS) == [], "warning signs cut short"
    assert "numbness, tingling or weakness in your arms or legs" in text(
        page, ".upperback-log-red-flags"
    )
    pass_the_warning_signs(page)
    choose(page, ".upperback-timerpage .upperback-picker-choice", "starter: Daily bridge")
    page.locator(".upperback-timerpage .upperback-picker-open-button").click()
    start = page.locator(".upperback-timer-start-button")
    start.wait_for(timeout=WAIT)
    # Once read, the note folds to its first line; the controls fit on the screen.
    assert page.locator("details.upperback-safety-fold[open]").count() == 0
    assert "does not diagnose or treat" in text(page, "details.upperback-safety-fold summary")
    page.evaluate("window.scrollTo(0, 0)")
    time.sleep(0.3)
    for button in ("start", "pause", "skip", "stop"):
        box = page.locator(f".upperback-timer-{button}-button").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (button, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (button, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways
    shot(page, f"app-timer-{width}x{height}")
    # The note opens again on a click.
    page.locator("details.upperback-safety-fold summary").click()
    assert page.locator("details.upperback-safety-fold[open]").count() == 1
    page.locator("details.upperback-safety-fold summary").click()

    start.click()
    time.sleep(1.0)
    page.locator(".upperback-timer-stop-button").click()
    page.wait_for_selector(".upperback-log-form", timeout=WAIT)
    page.wait_for_function("!document.querySelector('.upperback-log-save').disabled")
    form = page.locator(".upperback-log-form").bounding_box()
    note = page.locator(".upperback-log-set-note").bounding_box()
    assert note["x"] + note["width"] <= form["x"] + form["width"] + 1, (note, form)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".upperback-log-set-note").scroll_into_view_if_needed()
    shot(page, f"app-log-{width}x{height}")
    context.close()
    assert not errors
