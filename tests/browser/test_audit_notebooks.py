"""Every notebook, run in JupyterLab, and the lesson's slides pass the audit of
tests/browser/audit.py: what the workbook writes (its outputs, widgets and text), not
JupyterLab's own menus and panels, which are JupyterLab's to fix."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request

import pytest

from tests.browser.audit import assert_accessible
from tests.browser.servers import ROOT, Server
from tests.browser.test_browser import LESSON, WAIT, next_slide, slide_ids, wait_until_idle

NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden) "
# What the workbook wrote: every output (tables, figures, widgets) and the text of its cells.
OURS = [PANEL + ".jp-OutputArea-output", PANEL + ".jp-MarkdownCell .jp-RenderedMarkdown"]


@pytest.fixture(scope="module")
def whole_lab(tmp_path_factory):
    """JupyterLab on a copy of the notebooks, drawing every cell, not only those in view.

    JupyterLab 4 leaves cells out of the page until they are scrolled to; the audit needs
    every output on the page at once. Asked which kernel to start (as it sometimes asks, on
    reopening a notebook whose kernel was shut down), it starts the notebook's own.
    """
    home = tmp_path_factory.mktemp("audit-lab")
    copy = home / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Draw every cell; start the notebook's own kernel without asking which.
    tracker = {"windowingMode": "none", "autoStartDefaultKernel": True}
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps(tracker))
    server = Server("lab", str(copy), home)
    yield server
    server.stop()


@pytest.fixture
def audited_lab(whole_lab):
    """The JupyterLab above; each notebook's kernel stops once the notebook is audited, as
    eight at once would crowd a laptop's (or CI's) 2 cores."""
    yield whole_lab
    kernels = f"http://127.0.0.1:{whole_lab.port}/api/kernels"
    headers = {"Authorization": f"token {whole_lab.token}"}
    with urllib.request.urlopen(urllib.request.Request(kernels, headers=headers)) as response:
        running = json.load(response)
    for kernel in running:
        request = urllib.request.Request(f"{kernels}/{kernel['id']}", headers=headers)
        request.method = "DELETE"
        urllib.request.urlopen(request).close()


def run_every_cell(page) -> None:
    """Run All Cells, again if the run did not take (a kernel still starting drops it),
    until every cell ran.

    Every notebook opens with the safety note, so its showing proves the run is under way;
    the kernel idle for a few seconds after means the last cell has run (the lesson hides
    all its code, so there are no cell numbers to read). A kernel merely busy starting up
    proves nothing, which is why the note is what is waited for.
    """
    note = PANEL + ".upperback-safety-note"
    for attempt in range(4):
        if page.locator(".jp-Dialog", has_text="Select Kernel").count():  # asked regardless
            page.locator(".jp-Dialog button", has_text="Select").click()
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_text("Run All Cells", exact=True).click()
        try:
            page.wait_for_selector(note, timeout=WAIT // 2)
            break
        except Exception:
            if attempt == 3:
                raise
    wait_until_idle(page)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_each_notebook_passes_once_it_has_run(page, audited_lab, notebook):
    page.goto(audited_lab.url(f"lab/workspaces/audit/tree/{notebook}?reset"), timeout=WAIT)
    idle = PANEL + ".jp-Notebook-ExecutionIndicator[data-status='idle']"
    page.wait_for_selector(idle, timeout=WAIT)
    run_every_cell(page)
    time.sleep(1.0)  # the last widgets draw
    assert page.locator(PANEL + ".upperback-safety-note").count() == 1  # the workbook's own
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_accessible(page, notebook, include=OURS)


def test_the_lessons_slides_pass_on_every_slide(page, audited_lab):
    """The teacher runs the lesson and opens it as slides (Alt+R): each slide as shown."""
    page.goto(audited_lab.url(f"lab/workspaces/audit-slides/tree/{LESSON}?reset"), timeout=WAIT)
    page.wait_for_selector(
        PANEL + ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=WAIT
    )
    run_every_cell(page)
    page.locator(PANEL + ".jp-Notebook").click()
    page.keyboard.press("Alt+r")
    slides = page.frame_locator("iframe:visible").first
    slides.locator(".reveal .slides section", has_text="Why the upper back").first.wait_for(
        timeout=WAIT
    )
    frame = next(f for f in page.frames if f.locator(".reveal .slides").count())
    # The slides' page itself is jupyterlab-rise's (its templates/index.html opens with
    # <html> and no lang, and RiseApp fixes its template path, so the workbook cannot
    # override it): each slide's content is audited, not that page.
    expected, seen = slide_ids(ROOT / "notebooks" / LESSON), []
    for _ in range(4 * len(expected)):  # fragments take a press of their own
        current = slides.locator(".reveal .slides section[id^='slide-'].present")
        name = current.get_attribute("id")
        if name not in seen:
            seen.append(name)
            time.sleep(0.5)  # the slide's widgets draw
            assert_accessible(frame, f"slides, {name}", include=[f".reveal .slides #{name}"])
        if name == expected[-1]:
            break
        next_slide(slides)
        time.sleep(0.4)
    assert seen == expected, "every slide audited, in order"
