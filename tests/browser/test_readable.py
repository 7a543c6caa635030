"""Read at a glance: the coach's table on a laptop, the builder's items, a phone's first visit."""

from __future__ import annotations

import pytest

from tests.browser.servers import SHOTS, shot
from tests.browser.test_browser import WAIT, choose, open_voila, text

ROWS = """() => [...document.querySelectorAll('.upperback-clinic tbody tr')].map(row => {
    const name = row.querySelector('th');
    const range = document.createRange();
    range.selectNodeContents(name);
    const glyphs = [...range.getClientRects()].filter(r => r.width > 0)[0].height;
    const line = parseFloat(getComputedStyle(name).lineHeight) || 1.2 * glyphs;
    return {name: name.innerText, row: row.getBoundingClientRect().height, line,
            nameLines: new Set([...range.getClientRects()].filter(r => r.width > 0)
                                .map(r => Math.round(r.top))).size};
})"""


def screen(page, name: str) -> None:
    """Save what is on the screen now (not the whole page), for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


def test_the_coach_reads_every_client_on_a_laptop_screen(laptop, voila_empty_log):
    page = laptop
    open_voila(page, voila_empty_log, "06-coach-dashboard.ipynb", ".upperback-clinic")
    rows = page.evaluate(ROWS)
    assert len(rows) >= 5
    for row in rows:
        assert row["nameLines"] == 1, f"{row['name']} wraps"
        # A row is a line, two at most (padding aside): the warning signs say it short.
        assert row["row"] <= 2 * row["line"] + 8, row
    box = page.locator(".upperback-clinic-box")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the table runs sideways"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # The heading stays in view while the rows scroll beneath it.
    head = page.locator(".upperback-clinic thead th").first
    assert head.evaluate("th => getComputedStyle(th).position") == "sticky"
    box.evaluate("b => { b.scrollTop = b.scrollHeight; }")
    assert abs(head.bounding_box()["y"] - box.bounding_box()["y"]) <= 2
    # The short status still tells a waiting client from one who is fine.
    signs = text(page, ".upperback-clinic")
    assert "not cleared" in signs and "all no" in signs
    box.evaluate("b => { b.scrollTop = 0; }")
    box.scroll_into_view_if_needed()
    screen(page, "coach-table-1366x768")
    assert not page.errors


ITEMS = ".upperback-builder-items .widget-radio-box label"
# Items cut short: wider than their box, or running out of the list's column.
CUT_ITEMS = """selector => [...document.querySelectorAll(selector)]
    .filter(item => {
        const list = item.closest('.upperback-builder-items').getBoundingClientRect();
        const box = item.getBoundingClientRect();
        return item.scrollWidth > item.clientWidth + 1 || item.scrollHeight > item.clientHeight + 1
            || box.right > list.right + 1;
    })
    .map(item => item.textContent)"""


@pytest.mark.parametrize("size", [(1000, 800), (390, 844)], ids=["narrow-laptop", "phone"])
def test_the_builder_shows_every_item_whole(browser, voila_notebooks, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    open_voila(page, voila_notebooks, "02-build-a-routine.ipynb", ".upperback-builder")
    choose(page, ".upperback-builder-load-choice", "starter: Thoracic five")
    page.locator(".upperback-builder-load-button").click()
    page.wait_for_function(f"document.querySelectorAll('{ITEMS}').length === 5")
    assert page.evaluate(CUT_ITEMS, ITEMS) == [], "items cut short"
    items = page.locator(".upperback-builder-items")
    assert "3. Can openers (2 × 8 reps a side)" in text(page, ".upperback-builder-items")
    items.scroll_into_view_if_needed()
    shot(page, f"builder-{width}x{height}")
    context.close()


def test_on_a_phone_the_first_visit_asks_the_name_first(browser, voila_app):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(voila_app.url(""), timeout=WAIT)
    name = page.locator(".upperback-app-name input")
    name.wait_for(timeout=WAIT)
    box = name.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box  # on the first screen
    open_box = page.locator(".upperback-app-open").bounding_box()
    assert open_box["y"] + open_box["height"] <= 844, open_box
    # The safety note is on the page, whole, right after the name.
    note = page.locator(".upperback-safety")
    assert "Safety first" in text(page, ".upperback-safety-fold summary")
    assert "chest pain" in note.inner_text()
    assert page.locator(".upperback-safety-fold").bounding_box()["y"] > box["y"]
    screen(page, "app-first-visit-390x844")
    context.close()
