"""The quiz view: long answers wrap instead of running into the next one."""

import ipywidgets as w

from upperback import Library
from upperback.widgets import Quiz


def test_long_answers_wrap_under_their_own_button():
    quiz = Quiz(Library.load(user=False), seed=3)
    styles = "".join(child.value for child in quiz.children if isinstance(child, w.HTML))
    assert ".upperback-quiz-choices .widget-radio-box label" in styles
    assert "white-space: normal" in styles and "height: auto" in styles
    assert "upperback-quiz-choices" in quiz.choices._dom_classes
    assert quiz.choices.layout.width == "100%"  # the answers have the width to wrap in
