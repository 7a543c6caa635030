"""The quiz for a class: one question at a time, feedback at once, the score kept."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from upperback.queries import Library
from upperback.quiz import make_quiz

__all__ = ["Quiz"]

# A radio label is one line high by default, so a long answer ran into the next one.
WRAP_ANSWERS = """<style>
.upperback-quiz-choices .widget-radio-box label {
  height: auto; min-height: var(--jp-widgets-radio-item-height, 24px); line-height: 1.35;
  white-space: normal; overflow-wrap: anywhere; align-items: flex-start; margin-bottom: 0.35em;
}
.upperback-quiz-choices .widget-radio-box input { flex: none; margin-top: 0.25em; }
</style>"""


class Quiz(w.VBox):
    """One question at a time: choose, check (feedback at once), go on; keeps the score.

    Examples
    --------
    >>> quiz = Quiz(Library.load(user=False), seed=1)
    >>> quiz.choices.value = quiz.question.options[quiz.question.answer]
    >>> quiz.check_button.click()
    >>> quiz.score.value
    'Score: 1 of 1'
    """

    def __init__(
        self, library: Library | None = None, *, questions: int = 9, seed: int | None = None
    ):
        self.library = library or Library.load()
        self.seed = w.IntText(value=seed or 0, description="Class code")
        self.new_button = w.Button(description="New quiz", icon="refresh")
        self.prompt = w.HTML()
        self.choices = w.RadioButtons(options=[], layout=w.Layout(width="100%", max_width="48em"))
        self.check_button = w.Button(description="Check", button_style="primary")
        self.next_button = w.Button(description="Next question", icon="arrow-right")
        self.feedback = w.HTML()
        self.score = w.HTML()
        for name in ("seed", "new_button", "prompt", "choices", "check_button", "next_button",
                     "feedback", "score"):  # fmt: skip
            getattr(self, name).add_class(f"upperback-quiz-{name.replace('_', '-')}")
        self.new_button.on_click(lambda _: self.start(seed=self.seed.value or None))
        self.check_button.on_click(self._check)
        self.next_button.on_click(self._next)
        self._count = questions
        super().__init__(
            [w.HTML(WRAP_ANSWERS), w.HBox([self.seed, self.new_button]), self.prompt, self.choices,
             w.HBox([self.check_button, self.next_button]), self.feedback, self.score]
        )  # fmt: skip
        self.add_class("upperback-quiz")
        self.start(seed=seed)

    def start(self, *, seed: int | None = None) -> None:
        """A new quiz; the same class code gives everyone the same questions."""
        self.questions = make_quiz(self.library, questions=self._count, seed=seed)
        self.index, self.right, self.answered = 0, 0, 0
        self._show()

    @property
    def question(self):
        return self.questions[self.index]

    def _show(self) -> None:
        question = self.question
        self.prompt.value = (
            f"<p><b>Question {self.index + 1} of {len(self.questions)}</b></p>"
            f"<p style='font-size:1.1em'>{escape(question.prompt)}</p>"
        )
        self.choices.options = question.options
        self.choices.value = None
        self.choices.disabled = False
        self.check_button.disabled = False
        self.next_button.disabled = True
        self.feedback.value = ""
        self.score.value = f"Score: {self.right} of {self.answered}"

    def _check(self, _=None) -> None:
        if self.choices.value is None:
            self.feedback.value = "<p>Choose an answer first.</p>"
            return
        question = self.question
        right = question.is_right(self.choices.value)
        self.answered += 1
        self.right += right
        verdict = (
            "<b style='color:#166534'>Right.</b>"
            if right
            else f"<b style='color:#b91c1c'>Not quite:</b> the answer is "
            f"<b>{escape(question.options[question.answer])}</b>."
        )
        self.feedback.value = f"<p>{verdict} {escape(question.explanation)}</p>"
        self.choices.disabled = True
        self.check_button.disabled = True
        last = self.index + 1 == len(self.questions)
        self.next_button.disabled = last
        self.score.value = f"Score: {self.right} of {self.answered}" + (
            f" · finished: {self.right / self.answered:.0%}" if last else ""
        )

    def _next(self, _=None) -> None:
        if self.index + 1 < len(self.questions):
            self.index += 1
            self._show()
