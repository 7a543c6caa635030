"""The coach's dashboard shows a client's activities beside their pain, in the client's
words, with the change that counts."""

from upperback.widgets import CoachDashboard


def test_the_coach_reads_what_changed_in_the_clients_own_words(clinic, library):
    dashboard = CoachDashboard(clinic, library)
    dashboard.client.value = "Demo: Ana (improving)"
    shown = dashboard.function.value
    assert "Demo: Ana (improving)&#x27;s activities went from 3.5 to 7.2 out of 10" in shown
    assert "a real improvement (a large one)" in shown
    assert "<li>Reaching a high shelf: 3 → 8 (a real change)</li>" in shown
    assert 'alt="4 activities rated 8 times: the average went from 3.5 to 7.2' in shown
    assert "Show as a table" in shown
    dashboard.client.value = "Demo: Fay (ready for more)"
    assert "Demo: Fay (ready for more) has not rated their activities yet." in (
        dashboard.function.value
    )
