"""Quiz questions built from the tables and the lesson's main points, one right answer each.

Six kinds of question follow the lesson's order: why the upper back hurts, what a muscle
does, why a strong back matters, which exercise works a muscle, whose cue it is, and when to
stop and see a professional. Every wrong option is wrong by the tables: a muscle offered as
wrong does not do the movement asked about, an exercise offered as wrong does not work the
muscle in any role, and a move offered as wrong has no cue like the one asked about and is
not a variation of the right one. Wrong options are of the same form and about the same
length as the right one, so none gives itself away, and no prompt is asked twice in a quiz.

The same seed (a class code) gives the same questions in the same order, so a whole class
can share one.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from upperback.cues import cannot_own, cue_is_askable
from upperback.queries import Library
from upperback.rules.safety import RED_FLAGS
from upperback.tables import load_benefits, load_lesson_points

# The shipped tables, read once: a quiz asks many questions of them.
_benefits, _lesson_points = cache(load_benefits), cache(load_lesson_points)

__all__ = [
    "KINDS",
    "MOVEMENTS",
    "Question",
    "cue_is_askable",
    "make_quiz",
    "movements",
]


@dataclass(frozen=True)
class Question:
    prompt: str
    options: tuple[str, ...]
    answer: int  # index of the right option
    explanation: str
    kind: str
    about: str = ""  # what is asked: a movement term, a muscle id, a cue, a lesson point
    source: tuple[str, ...] = ()  # where the right answer comes from, as in data/README.md

    def is_right(self, choice: int | str) -> bool:
        index = choice if isinstance(choice, int) else self.options.index(choice)
        return index == self.answer


# The anatomical terms the muscle table puts in brackets after each movement, and how a
# question says them in plain words ("Which of these muscles lifts the shoulder blade?").
MOVEMENTS = {
    "elevation": "lifts the shoulder blade",
    "depression": "pulls the shoulder blade down",
    "retraction": "draws the shoulder blade back toward the spine",
    "protraction": "pulls the shoulder blade forward around the ribs",
    "upward rotation": "turns the shoulder blade upward",
    "downward rotation": "turns the shoulder blade inward",
    "shoulder adduction": "brings the arm down and in toward the body",
    "shoulder extension": "draws the arm back",
    "internal rotation": "turns the arm inward",
    "external rotation": "turns the arm outward",
    "spinal extension": "straightens the spine and bends it backward",
    "side bending": "bends the trunk to the side",
    "trunk rotation": "twists the trunk",
    "trunk flexion": "bends the trunk forward",
    "hip extension": "straightens the hip",
    "hip flexion": "bends the hip",
    "hip abduction": "moves the thigh out to the side",
    "knee flexion": "bends the knee",
    "knee extension": "straightens the knee",
    "elbow flexion": "bends the elbow",
    "supination": "turns the palm up",
}


def movements(action: str) -> set[str]:
    """The movement terms an action text names in brackets.

    Examples
    --------
    >>> sorted(movements("Lifts the shoulder blades (elevation, upper fibres) and turns them"
    ...                  " upward (upward rotation)"))
    ['elevation', 'upward rotation']
    """
    found = set()
    for inside in re.findall(r"\(([^)]*)\)", action):
        found |= {part.strip() for part in inside.split(",")} & set(MOVEMENTS)
    return found


# Claims the lesson does not make about a strong back, each wrong by the lesson, in the form
# of the benefits' own names ("Better posture", "Fewer injuries").
NOT_REASONS = (
    "Stiffer thoracic joints",
    "No warm-up needed",
    "Training through warning signs",
    "Skipping the mobility moves",
)

# Ordinary sensations the moves are meant for: no reason on their own to stop and get
# checked. Short and long ones, so the wrong options can match a warning sign's length.
ORDINARY = (
    "Mild soreness",
    "Muscle tightness",
    "Stiff shoulders",
    "Stiffness after sitting",
    "Tight shoulders after a long drive",
    "A pleasant stretch between the shoulder blades",
    "Tight muscles after a day at a desk",
    "A stiff upper back after a long day at a desk",
    "A mild stretch felt between the shoulder blades during a move",
    "Knots between the shoulder blades that ease as you move",
    "Muscles that feel a little worked after a new exercise and settle by the next morning",
)


# -- making questions -----------------------------------------------------------------------


def _ask(
    rng: random.Random,
    prompt: str,
    right: str,
    wrong: list[str],
    explanation: str,
    kind: str,
    about: str,
    source: tuple[str, ...],
) -> Question:
    options = [right, *rng.sample(_alike_in_length(right, sorted(set(wrong) - {right})), 3)]
    rng.shuffle(options)
    return Question(
        prompt, tuple(options), options.index(right), explanation, kind, about, tuple(source)
    )


# A wrong option has from half to twice the right one's words, so length gives nothing away.
LENGTH_RATIO = 2


def _length(text: str) -> int:
    return len(text.split())


def _alike_in_length(right: str, wrong: list[str]) -> list[str]:
    """The wrong options within LENGTH_RATIO of the right one's length, at least three.

    Examples
    --------
    >>> _alike_in_length("Fever", ["Mild soreness", "Muscle tightness", "Stiffness",
    ...                            "A stiff upper back after a long day at a desk"])
    ['Mild soreness', 'Muscle tightness', 'Stiffness']
    """
    close = _close_in_length(right, wrong)
    if len(close) >= 3:
        return close
    return sorted(wrong, key=lambda o: (abs(_length(o) - _length(right)), o))[:3]


def _close_in_length(right: str, wrong: list[str]) -> list[str]:
    words = _length(right)
    return [o for o in wrong if words / LENGTH_RATIO <= _length(o) <= words * LENGTH_RATIO]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _why_it_hurts(library: Library, rng: random.Random) -> Question:
    """A main point of the lesson, from data/lesson_points.csv."""
    points = _lesson_points()
    about = rng.choice(sorted(points.index))
    point = points.loc[about]
    return _ask(rng, point["question"], point["answer"], list(point["wrong_answers"]),
                point["explanation"], "why-it-hurts", about, point["source"])  # fmt: skip


def _muscle_action(library: Library, rng: random.Random) -> Question:
    muscles = library.muscles
    does = {m: movements(muscles.at[m, "action"]) for m in muscles.index}
    upper = [m for m in muscles.index if muscles.at[m, "region"] == "upper back"]
    muscle, term = rng.choice(sorted((m, t) for m in upper for t in does[m]))
    doers = [m for m in muscles.index if term in does[m]]
    # Wrong options do not do the movement at all; muscles of the upper back first.
    wrong = [m for m in upper if m not in doers]
    if len(wrong) < 3:
        wrong += [m for m in muscles.index if m not in doers and m not in upper]
    row = muscles.loc[muscle]
    action = row["action"]
    explanation = (
        f"The {row['name'].lower()} ({row['latin_name']}): {action[0].lower()}{action[1:]}."
    )
    others = [muscles.at[m, "name"].lower() for m in doers if m != muscle]
    if others:
        explanation += f" The {_join(others)} {'does' if len(others) == 1 else 'do'} it too."
    return _ask(
        rng,
        f"Which of these muscles {MOVEMENTS[term]} ({term})?",
        row["name"],
        [muscles.at[m, "name"] for m in wrong],
        explanation,
        "muscle-action",
        term,
        row["source"],
    )


def _exercise_for_muscle(library: Library, rng: random.Random) -> Question:
    links = library.links.reset_index()
    names = library.exercises["name"]

    def others(muscle: str) -> list[str]:
        works = set(links.loc[links["muscle"] == muscle, "exercise"])
        return [names[e] for e in library.exercises.index if e not in works]

    primary = links[links["role"] == "primary"]
    # Only main movers with three exercises of a like length that do not use the muscle.
    askable = {
        muscle: sorted(e for e in group["exercise"] if len(_close_in_length(names[e], wrong)) >= 3)
        for muscle, group in primary.groupby("muscle", observed=True)
        for wrong in [others(muscle)]
    }
    muscle = rng.choice(sorted(m for m, exercises in askable.items() if exercises))
    right = rng.choice(askable[muscle])
    muscle_name = library.muscles.at[muscle, "name"].lower()
    return _ask(
        rng,
        f"Which exercise works the {muscle_name} as a main mover?",
        names[right],
        others(muscle),
        f"{names[right]} works the {muscle_name} as a main mover. None of the other choices "
        f"uses the {muscle_name} at all, not even to help or to hold you steady.",
        "exercise-for-muscle",
        muscle,
        library.links.at[(right, muscle), "source"],
    )


def _wrong_moves(cue: str, move: str, moves: pd.DataFrame) -> list[str]:
    return [moves.at[m, "name"] for m in cannot_own(cue, move, moves)]


def _cue_of_move(library: Library, rng: random.Random) -> Question:
    moves = library.exercises[library.exercises["category"] == "mobility"]
    askable = [
        (move, cue)
        for move in sorted(moves.index)
        for cue in moves.at[move, "cues"]
        if cue_is_askable(cue, move, moves)
        and len(_close_in_length(moves.at[move, "name"], _wrong_moves(cue, move, moves))) >= 3
    ]
    move, cue = rng.choice(askable)
    row = moves.loc[move]
    wrong = _wrong_moves(cue, move, moves)
    return _ask(
        rng,
        f"Which move is this cue from? “{cue}”",
        row["name"],
        wrong,
        f"It is a cue of the {row['name']}. {row['description']}",
        "cue-of-move",
        cue,
        row["source"],
    )


def _strong_back(library: Library, rng: random.Random) -> Question:
    """A reason for a strong back: among claims the lesson does not make, or by its examples."""
    benefits = _benefits()
    benefit = rng.choice(sorted(benefits.index))
    row = benefits.loc[benefit]
    # Examples the article itself gives tie to one reason only; a coach's own might not.
    the_articles = row["examples"] and "coaching practice: everyday examples" not in row["source"]
    if the_articles and rng.random() < 0.5:
        return _strong_back_by_examples(benefits, benefit, rng)
    return _ask(
        rng,
        "Which of these is one of the lesson's reasons for keeping your back strong?",
        row["benefit"],
        list(NOT_REASONS),
        f"{row['benefit']}: {row['summary']} The other choices are not reasons the lesson "
        "gives, and none of them is true.",
        "strong-back",
        benefit,
        row["source"],
    )


def _strong_back_by_examples(benefits: pd.DataFrame, benefit: str, rng) -> Question:
    row = benefits.loc[benefit]
    examples = _join([e[0].lower() + e[1:] for e in row["examples"]])
    return _ask(
        rng,
        f"The lesson gives {examples} as examples of one reason for a strong back. Which one?",
        row["benefit"],
        [benefits.at[b, "benefit"] for b in benefits.index if b != benefit],
        f"{row['benefit']}: {row['summary']} The article gives {examples} as its examples.",
        "strong-back",
        benefit,
        row["source"],
    )


def _see_a_professional(library: Library, rng: random.Random) -> Question:
    flag = rng.choice(RED_FLAGS)
    right = flag[0].upper() + flag[1:]
    explanation = (
        f"{right} is one of the warning signs that back pain may need more than exercise: "
        "have it checked by a professional before you go on."
    )
    if "chest pain" in flag:
        explanation += " Chest pain or breathlessness during exercise needs urgent medical care."
    explanation += " The other choices are ordinary feelings the moves are meant to help with."
    return _ask(
        rng,
        "Which of these is a reason to stop and see a professional rather than exercise?",
        right,
        list(ORDINARY),
        explanation,
        "see-a-professional",
        flag,
        ("references: Safety",),
    )


# Makers in the lesson's order; a quiz takes them in turn.
_MAKERS = {
    "why-it-hurts": _why_it_hurts,
    "muscle-action": _muscle_action,
    "strong-back": _strong_back,
    "exercise-for-muscle": _exercise_for_muscle,
    "cue-of-move": _cue_of_move,
    "see-a-professional": _see_a_professional,
}
KINDS = tuple(_MAKERS)


def make_quiz(library: Library, *, questions: int = 9, seed: int | None = None) -> list[Question]:
    """Questions of each kind in turn, drawn at random (or from ``seed``), none twice.

    With six or more questions every kind appears, in the lesson's order. No prompt comes
    twice, nor the same point asked in other words.

    Examples
    --------
    >>> library = Library.load(user=False)
    >>> make_quiz(library, seed=4) == make_quiz(library, seed=4)
    True
    >>> [q.kind for q in make_quiz(library, questions=6, seed=4)] == list(KINDS)
    True
    """
    rng = random.Random(seed)
    makers = list(_MAKERS.values())
    quiz: list[Question] = []
    asked: set[tuple[str, str]] = set()
    prompts: set[str] = set()
    attempts = 0
    while len(quiz) < questions and attempts < questions * 50:
        question = makers[len(quiz) % len(makers)](library, rng)
        attempts += 1
        if (question.kind, question.about) not in asked and question.prompt not in prompts:
            asked.add((question.kind, question.about))
            prompts.add(question.prompt)
            quiz.append(question)
    return quiz
