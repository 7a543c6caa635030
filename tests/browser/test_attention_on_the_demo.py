"""The coach's attention list on the demo clinic, in a real browser: the urgent sign waiting
first, the stop for pain of 8 and the client who stopped coming, each opened from the
keyboard."""

from __future__ import annotations

from tests.browser.servers import Server, shot
from tests.browser.test_browser import WAIT, open_voila, text
from tests.browser.test_coach_loop import clinic_home  # noqa: F401 - the demo clinic's folder

KIT, JO = "Demo: Kit (waiting for clearance)", "Demo: Jo (pain of 8)"
CLEO = "Demo: Cleo (stopped coming)"


def test_the_coach_sees_who_needs_them_now_and_opens_one(page, clinic_home):  # noqa: F811
    coach = Server("voila", "notebooks", clinic_home)
    try:
        open_voila(page, coach, "06-coach-dashboard.ipynb", ".upperback-attention-pick")
        assert "Who needs you now" in text(page, ".upperback-attention")
        names = page.locator(".upperback-attention-pick").all_inner_texts()
        reasons = page.locator(".upperback-attention-reasons").all_inner_texts()
        items = [
            f"{name}: {why}".replace("\xa0", " ") for name, why in zip(names, reasons, strict=True)
        ]
        assert KIT in items[0] and "chest pain or shortness of breath" in items[0]
        assert "(urgent): not cleared yet" in items[0]
        [jo] = [row for row in items if JO in row]
        assert "pain of 8 on " in jo and "and see a professional" in jo
        [cleo] = [row for row in items if CLEO in row]
        assert "no session since " in cleo and "with a routine assigned" in cleo
        assert items.index(jo) < items.index(cleo)
        # The list at the top of the window, the client it opens below it.
        page.locator(".upperback-coach").evaluate("page => page.scrollIntoView()")
        shot(page, "dashboard-attention-list")
        # Tab reaches each client's button, named for them; Enter opens the client.
        button = page.get_by_role("button", name=JO, exact=True)
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"document.querySelector('.upperback-dashboard-client select').value === {JO!r}",
            timeout=WAIT,
        )
        page.wait_for_function(
            "document.querySelector('.upperback-dashboard-summary').innerText.includes('Jo')",
            timeout=WAIT,
        )
        # On a phone the reasons wrap beside the names; nothing runs off the side.
        page.set_viewport_size({"width": 390, "height": 844})
        listed = page.locator(".upperback-attention")
        listed.scroll_into_view_if_needed()
        assert listed.evaluate("box => box.scrollWidth <= box.clientWidth")
        shot(page, "dashboard-attention-list-phone")
        assert not page.errors
    finally:
        coach.stop()
