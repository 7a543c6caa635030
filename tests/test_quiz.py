"""The quiz: questions built from the tables, one right answer each, the same for a class."""

import re

import pandas as pd
import pytest

import upperback
from tests.test_seed import article_citations, every_source
from upperback.quiz import KINDS, MOVEMENTS, make_quiz, movements
from upperback.rules import RED_FLAGS
from upperback.table_schema import SOURCE_TAGS
from upperback.widgets import MuscleMapExplorer, Quiz

SEEDS = range(300)

# What each muscle does by standard anatomy, whatever the table says: a muscle that does a
# movement must never be offered as a wrong answer to a question about that movement.
KNOWN_MOVEMENTS = {
    "trapezius": {"elevation", "retraction", "depression", "upward rotation"},
    "rhomboid-major": {"retraction", "elevation", "downward rotation"},
    "rhomboid-minor": {"retraction", "elevation", "downward rotation"},
    # Anatomy texts list the levator scapulae as helping to draw the shoulder blade back, and
    # the latissimus dorsi as helping to draw it back and turn it inward, through the arm.
    "levator-scapulae": {"elevation", "downward rotation", "retraction"},
    "latissimus-dorsi": {
        "shoulder adduction",
        "shoulder extension",
        "internal rotation",
        "depression",
        "retraction",
        "downward rotation",
    },
    "teres-major": {"shoulder adduction", "shoulder extension", "internal rotation"},
    "teres-minor": {"external rotation", "shoulder adduction"},
    "serratus-anterior": {"protraction", "upward rotation"},
    "erector-spinae": {"spinal extension", "side bending"},
    "multifidus": {"spinal extension", "trunk rotation"},
    "quadratus-lumborum": {"side bending"},
    "rectus-abdominis": {"trunk flexion"},
    "transversus-abdominis": set(),
    "obliques": {"trunk rotation", "side bending", "trunk flexion"},
    "gluteus-maximus": {"hip extension"},
    "gluteus-medius": {"hip abduction"},
    "hamstrings": {"hip extension", "knee flexion"},
    "quadriceps": {"knee extension", "hip flexion"},
    "biceps-brachii": {"elbow flexion", "supination"},
}

# Muscles each exercise uses by standard coaching anatomy: never a wrong answer to "which
# exercise works this muscle".
KNOWN_WORK = {
    ("superman", "hamstrings"),
    ("superman", "gluteus-maximus"),
    ("plank-leg-lift", "hamstrings"),
    ("plank-leg-lift", "gluteus-maximus"),
    ("side-plank", "obliques"),
    ("side-plank", "quadratus-lumborum"),
    ("rhomboid-push-up", "serratus-anterior"),
    ("rhomboid-push-up", "rhomboid-major"),
    ("rhomboid-push-up", "rhomboid-minor"),
    ("pull-up", "biceps-brachii"),
    ("deadlift", "hamstrings"),
    ("bridge-and-reach-over", "hamstrings"),
}

# Ideas a cue may carry that make it fit any move that has them, read from the table.
SIDES = re.compile(r"\b(other|both|each|change|switch|swap)( the)? sides?\b|\bswitch", re.I)
AGAIN = re.compile(r"\bagain\b|\brepeat", re.I)
HOLD = re.compile(r"\bhold\b|\bpause", re.I)
SMALL = {"a", "an", "and", "the", "of", "to", "up", "on", "in", "your", "you", "it", "so"}


@pytest.fixture(scope="module")
def every_question(library):
    return [q for seed in SEEDS for q in make_quiz(library, seed=seed)]


def of_kind(questions, kind):
    found = [q for q in questions if q.kind == kind]
    assert found, kind
    return found


def words(text):
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in SMALL]


def same_word(a, b):
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 4 and long.startswith(short))


def wrong_options(question):
    return [o for i, o in enumerate(question.options) if i != question.answer]


def test_every_question_has_four_different_options_and_says_why(every_question):
    for question in every_question:
        assert len(question.options) == 4 == len(set(question.options)), question
        assert 0 <= question.answer < 4
        assert question.explanation.strip() and question.source, question


def test_no_wrong_muscle_does_the_movement_asked_about(library, every_question):
    muscles = library.muscles
    by_name = {name: m for m, name in muscles["name"].items()}
    for question in of_kind(every_question, "muscle-action"):
        term = question.about
        assert f"{MOVEMENTS[term]} ({term})" in question.prompt
        right = by_name[question.options[question.answer]]
        assert term in movements(muscles.at[right, "action"])
        assert term in KNOWN_MOVEMENTS[right], (right, term)
        for option in wrong_options(question):
            wrong = by_name[option]
            action = muscles.at[wrong, "action"].lower()
            assert term not in movements(action), (question.prompt, option)
            assert MOVEMENTS[term] not in action, (question.prompt, option)
            assert term not in KNOWN_MOVEMENTS[wrong], (question.prompt, option)


def test_the_classic_mix_ups_are_never_wrong_answers(library, every_question):
    """Both the rhomboids and the trapezius lift the shoulder blade; both draw it back."""
    asked = {}
    for question in of_kind(every_question, "muscle-action"):
        asked.setdefault(question.about, set()).update(wrong_options(question))
    assert not {"Rhomboid major", "Rhomboid minor", "Trapezius"} & asked["elevation"]
    assert not {"Rhomboid major", "Rhomboid minor"} & asked["downward rotation"]
    assert "Trapezius" not in asked["retraction"]


def test_muscle_explanations_are_the_tables_words(library, every_question):
    muscles = library.muscles
    by_name = {name: m for m, name in muscles["name"].items()}
    for question in of_kind(every_question, "muscle-action"):
        right = by_name[question.options[question.answer]]
        action = muscles.at[right, "action"]
        assert action[1:] in question.explanation
        also = re.search(r"\. The ([^.]*) (?:does|do) it too\.$", question.explanation)
        named = re.split(r", | and ", also.group(1)) if also else []
        doers = {m for m in muscles.index if question.about in movements(muscles.at[m, "action"])}
        assert {by_name[n.capitalize()] for n in named} == doers - {right}


def test_no_wrong_exercise_works_the_muscle_in_any_role(library, every_question):
    links = library.links.reset_index()
    by_name = {name: e for e, name in library.exercises["name"].items()}
    for question in of_kind(every_question, "exercise-for-muscle"):
        muscle = question.about
        muscle_name = library.muscles.at[muscle, "name"].lower()
        assert f"works the {muscle_name} as a main mover" in question.prompt
        roles = links[links["muscle"] == muscle].set_index("exercise")["role"]
        right = by_name[question.options[question.answer]]
        assert roles.get(right) == "primary"
        for option in wrong_options(question):
            # The explanation says the other choices do not use the muscle at all.
            assert by_name[option] not in roles.index, (question.prompt, option)
            assert (by_name[option], muscle) not in KNOWN_WORK, (question.prompt, option)
        assert "None of the other choices uses" in question.explanation


def test_the_tables_know_what_anatomy_knows(library):
    assert set(library.links.index) >= KNOWN_WORK
    for muscle, known in KNOWN_MOVEMENTS.items():
        assert known <= movements(library.muscles.at[muscle, "action"]), muscle


def test_no_cue_gives_its_move_away(library, every_question):
    exercises = library.exercises
    by_name = {name: e for e, name in exercises["name"].items()}
    muscle_words = {w for name in library.muscles["name"] for w in words(name)}
    for question in of_kind(every_question, "cue-of-move"):
        move = exercises.loc[by_name[question.options[question.answer]]]
        cue = question.about
        assert f"“{cue}”" in question.prompt and cue in move["cues"]
        name_words = {w for text in (move["name"], *move["aliases"]) for w in words(text)}
        for word in words(cue):
            assert not any(same_word(word, n) for n in name_words), (cue, move["name"])
            # A muscle named in the cue must not share a word with the move's name.
            if word in muscle_words:
                assert not any(same_word(word, n) for n in name_words), (cue, word)


def test_no_wrong_move_has_the_same_or_a_like_cue(library, every_question):
    exercises = library.exercises
    by_name = {name: e for e, name in exercises["name"].items()}
    for question in of_kind(every_question, "cue-of-move"):
        cue = question.about
        for option in wrong_options(question):
            move = exercises.loc[by_name[option]]
            for other in move["cues"]:
                assert other.casefold() != cue.casefold(), (cue, option)
                shared = set(words(cue)) & set(words(other))
                assert len(shared) / len(set(words(cue)) | set(words(other))) < 0.5, (cue, other)
            if SIDES.search(cue):
                assert move["laterality"] == "bilateral", (cue, option)
            if AGAIN.search(cue):
                assert move["dosing"] != "reps", (cue, option)
            if HOLD.search(cue):
                assert pd.isna(move["hold_seconds"]), (cue, option)
        assert question.explanation.endswith(
            exercises.at[by_name[question.options[question.answer]], "description"]
        )


def test_the_cues_that_fit_several_moves_are_never_asked(every_question):
    asked = {q.about for q in of_kind(every_question, "cue-of-move")}
    assert "Come back down to your elbows, then go again" not in asked
    assert "Work the other side as well so both sides stay even" not in asked
    assert "Hold the top position for a few seconds" not in asked
    assert len(asked) >= 6  # enough cues left to make a quiz worth taking


def test_the_reasons_for_a_strong_back_come_from_the_benefits_table(every_question):
    benefits = upperback.load_benefits()
    by_examples = 0
    for question in of_kind(every_question, "strong-back"):
        right = question.options[question.answer]
        assert right == benefits.at[question.about, "benefit"]
        assert benefits.at[question.about, "summary"] in question.explanation
        if question.prompt.startswith("The lesson gives"):
            # Asked by the article's own examples: the others are the other reasons.
            by_examples += 1
            row = benefits.loc[question.about]
            assert "coaching practice: everyday examples" not in row["source"]
            for example in row["examples"]:
                assert example.lower() in question.prompt, (example, question.prompt)
            assert set(wrong_options(question)) < set(benefits["benefit"]) - {right}
            others = benefits.drop(question.about)["examples"]
            for example in (e for examples in others for e in examples):
                assert example.lower() not in question.prompt, example
        else:
            assert not set(wrong_options(question)) & set(benefits["benefit"])
    assert by_examples > 0


def test_only_a_warning_sign_is_a_reason_to_see_a_professional(every_question):
    flags = {flag.casefold() for flag in RED_FLAGS}
    alarming = re.compile(
        r"night|weight|fever|cancer|fall|steroid|numb|tingl|weak|chest|breath|worse"
    )
    for question in of_kind(every_question, "see-a-professional"):
        assert question.options[question.answer].casefold() in flags
        for option in wrong_options(question):
            assert option.casefold() not in flags and not alarming.search(option.lower()), option
        if "chest" in question.about:
            assert "urgent" in question.explanation


def test_the_lesson_asks_why_the_pain_starts_in_the_thoracic_joints(every_question):
    asked = {q.about: q for q in of_kind(every_question, "why-it-hurts")}
    where = asked["where-it-starts"]
    assert "thoracic spine" in where.options[where.answer]
    assert all("thoracic" not in option for option in wrong_options(where))
    assert "rhomboid" in " ".join(wrong_options(where)).lower()  # the common mistake
    push_up = asked["muscles-come-along"]
    assert "without being strengthened" in push_up.options[push_up.answer]


def test_every_article_citation_in_the_quiz_is_one_the_tables_make(every_question):
    tables_cite = set(article_citations(every_source()))
    for question in every_question:
        for source in question.source:
            assert source.partition(": ")[0] in SOURCE_TAGS, source
        for passage in article_citations(question.source):
            assert passage in tables_cite, (question.kind, passage)


def test_a_class_code_gives_everyone_the_same_questions_of_every_kind(library):
    assert make_quiz(library, seed=12) == make_quiz(library, seed=12)
    assert make_quiz(library, seed=12) != make_quiz(library, seed=13)
    for seed in range(50):
        quiz = make_quiz(library, seed=seed)
        assert len(quiz) == 9
        assert {q.kind for q in quiz} == set(KINDS)
        assert len({(q.kind, q.about) for q in quiz}) == 9  # nothing asked twice
    assert set(KINDS) == {
        "why-it-hurts",
        "muscle-action",
        "strong-back",
        "exercise-for-muscle",
        "cue-of-move",
        "see-a-professional",
    }


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
    first = bytes(explorer.map.png)
    assert first.startswith(b"\x89PNG")
    assert "Can openers. The muscle map marks primary:" in explorer.map.words  # the alt text
    explorer.exercises.value = ("deadlift", "pull-up")
    assert bytes(explorer.map.png) != first
    assert explorer.map.words.startswith("Deadlift, Pull-up.")
    assert "Latissimus dorsi" in explorer.map.words


# Easier and harder versions of one move, which share its cues (by coaching, not the code).
VARIATIONS = [
    {"rhomboid-push-up", "knee-rhomboid-push-up"},
    {"pull-up", "chin-up", "assisted-pull-up"},
    {"bent-over-row", "seated-row", "single-arm-row"},
    {"plank", "knee-plank", "plank-leg-lift", "side-plank", "bent-knee-side-plank"},
]


def test_no_prompt_comes_twice_in_a_quiz():
    library = upperback.Library.load(user=False)
    for seed in SEEDS:
        quiz = make_quiz(library, seed=seed)
        prompts = [q.prompt for q in quiz]
        assert len(set(prompts)) == len(prompts) == 9, (seed, prompts)


def test_no_variation_of_the_right_move_is_offered_against_it(library, every_question):
    by_name = {name: e for e, name in library.exercises["name"].items()}
    for question in of_kind(every_question, "cue-of-move"):
        right = by_name[question.options[question.answer]]
        for option in wrong_options(question):
            pair = {right, by_name[option]}
            assert not any(pair <= family for family in VARIATIONS), (question.prompt, option)


def test_no_wrong_option_gives_itself_away_by_its_form_or_length(every_question):
    for question in every_question:
        right = question.options[question.answer]
        words = len(right.split())
        for option in wrong_options(question):
            assert words / 2 <= len(option.split()) <= words * 2, (right, option)
        assert all(o[0].isupper() or o[0].isdigit() for o in question.options), question
        assert len({o.endswith(".") for o in question.options}) == 1, question.options


def test_the_wall_splat_is_never_a_main_mover_of_the_glutes(library, every_question):
    glutes = [q for q in of_kind(every_question, "exercise-for-muscle") if "glute" in q.about]
    assert glutes
    for question in glutes:
        assert "Wall splat" not in question.options, question.options
    wall = library.links.loc["wall-splat"]
    assert wall.loc["erector-spinae", "role"] == "primary"
