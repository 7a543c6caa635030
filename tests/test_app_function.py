"""The client app asks for the activities when they are due, and not before."""

from datetime import UTC, datetime, timedelta

from upperback import Library
from upperback.app import ClientApp
from upperback.function_checks import function_check
from upperback.identity import Identity
from upperback.store import Store

NAMES = ("Reaching a high shelf", "Driving", "Carrying shopping")


def _app(store: Store) -> ClientApp:
    return ClientApp(store, Library.load(user=False), identity=Identity("Sam", "profile"))


def test_a_new_client_is_asked_for_their_activities_and_progress_shows_them(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    app = _app(store)
    scale = app.function_scale
    assert "Time to rate your activities" in app.function_area.children[0].value
    assert app.tabs.children[2].children[0].children == (scale,)  # heading My progress
    for box, rating, name, value in zip(scale.names, scale.ratings, NAMES, (3, 5, 4), strict=False):
        box.value, rating.value = name, value
    scale.save.click()
    assert "Thank you" in scale.status.value and app.function_area.children == ()
    assert "Reaching a high shelf: 3" in app.progress.function.value
    assert [c.client for c in store.function_scores()] == ["Sam"]


def test_ratings_kept_this_week_are_not_asked_again_until_two_weeks_have_passed(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'log.db'}")
    recent = datetime.now(UTC) - timedelta(days=3)
    store.record_function_scores(function_check("Sam", dict.fromkeys(NAMES, 4), when=recent))
    assert _app(store).function_area.children == ()
    old = datetime.now(UTC) - timedelta(days=15)
    store.record_function_scores(function_check("Robin", dict.fromkeys(NAMES, 4), when=old))
    robin = ClientApp(store, Library.load(user=False), identity=Identity("Robin", "profile"))
    assert "Time to rate your activities" in robin.function_area.children[0].value
    assert [box.value for box in robin.function_scale.names][:3] == list(NAMES)
