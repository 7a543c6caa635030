"""The quiz: questions built from the tables, one right answer each, the same for a class."""

import pytest

from upperback import Library
from upperback.quiz import make_quiz
from upperback.widgets import MuscleMapExplorer, Quiz


@pytest.fixture(scope="module")
def library():
    return Library.load(user=False)


@pytest.mark.parametrize("seed", range(25))
def test_every_question_has_exactly_one_right_answer(library, seed):
    links = library.links.reset_index()
    for question in make_quiz(library, seed=seed):
        assert len(question.options) == 4 == len(set(question.options))
        right = question.options[question.answer]
        if question.kind == "muscle-action":
            action = question.prompt.split("“")[1].rstrip("”?")
            doers = set(library.muscles.loc[library.muscles["action"] == action, "name"])
            assert right in doers and not (set(question.options) - {right}) & doers
        elif question.kind == "exercise-for-muscle":
            muscle_name = question.prompt.split("works the ")[1].split(" as")[0]
            muscle = library.muscle_id(muscle_name)
            by_name = {n: i for i, n in library.exercises["name"].items()}
            roles = links[links["muscle"] == muscle].set_index("exercise")["role"]
            assert roles.get(by_name[right]) == "primary"
            assert all(by_name[o] not in roles.index for o in question.options if o != right)
        else:
            cue = question.prompt.split("“")[1].rstrip("”?")
            owners = [
                n
                for i, n in library.exercises["name"].items()
                if cue in library.exercises.at[i, "cues"]
            ]
            assert owners == [right]


def test_a_class_code_gives_everyone_the_same_questions(library):
    assert make_quiz(library, seed=12) == make_quiz(library, seed=12)
    assert make_quiz(library, seed=12) != make_quiz(library, seed=13)
    kinds = [q.kind for q in make_quiz(library, seed=1)]
    assert set(kinds) == {"muscle-action", "exercise-for-muscle", "cue-of-move"}


def test_the_quiz_gives_feedback_at_once_and_keeps_score(library):
    quiz = Quiz(library, questions=3, seed=5)
    assert "Question 1 of 3" in quiz.prompt.value and quiz.next_button.disabled
    quiz.check_button.click()
    assert "Choose an answer first" in quiz.feedback.value and quiz.score.value == "Score: 0 of 0"
    quiz.choices.value = quiz.question.options[quiz.question.answer]
    quiz.check_button.click()
    assert "Right." in quiz.feedback.value and quiz.score.value == "Score: 1 of 1"
    assert quiz.choices.disabled and not quiz.next_button.disabled
    quiz.next_button.click()
    wrong = next(o for i, o in enumerate(quiz.question.options) if i != quiz.question.answer)
    quiz.choices.value = wrong
    quiz.check_button.click()
    assert "Not quite" in quiz.feedback.value and quiz.score.value == "Score: 1 of 2"
    quiz.next_button.click()
    quiz.choices.value = quiz.question.options[quiz.question.answer]
    quiz.check_button.click()
    assert quiz.score.value.startswith("Score: 2 of 3 · finished: 67%")
    assert quiz.next_button.disabled


def test_a_new_quiz_from_the_class_code(library):
    quiz = Quiz(library, seed=5)
    first = quiz.questions
    quiz.seed.value = 9
    quiz.new_button.click()
    assert quiz.questions == make_quiz(library, seed=9) != first
    assert quiz.score.value == "Score: 0 of 0"


def test_the_map_explorer_draws_the_chosen_exercises(library):
    explorer = MuscleMapExplorer(library)
    first = bytes(explorer.map.value)
    assert first.startswith(b"\x89PNG")
    explorer.exercises.value = ("deadlift", "pull-up")
    assert bytes(explorer.map.value) != first
