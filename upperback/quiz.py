"""Quiz questions built from the tables: what a muscle does, what works it, whose cue it is.

The same seed gives the same questions in the same order, so a whole class can share one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from upperback.queries import Library

__all__ = ["Question", "make_quiz"]


@dataclass(frozen=True)
class Question:
    prompt: str
    options: tuple[str, ...]
    answer: int  # index of the right option
    explanation: str
    kind: str

    def is_right(self, choice: int | str) -> bool:
        index = choice if isinstance(choice, int) else self.options.index(choice)
        return index == self.answer


def _ask(
    rng: random.Random, prompt: str, right: str, wrong: list[str], explanation: str, kind: str
):
    options = [right, *rng.sample(sorted(set(wrong) - {right}), 3)]
    rng.shuffle(options)
    return Question(prompt, tuple(options), options.index(right), explanation, kind)


def _muscle_action(library: Library, rng: random.Random) -> Question:
    upper = library.muscles[library.muscles["region"] == "upper back"]
    muscle = rng.choice(sorted(upper.index))
    row = library.muscles.loc[muscle]
    # Muscles of the same family (the two rhomboids) would be right too: leave them out.
    others = library.muscles[
        (library.muscles["group"] != row["group"]) & (library.muscles["action"] != row["action"])
    ]
    return _ask(
        rng,
        f"Which muscle does this? “{row['action']}”",
        row["name"],
        list(others["name"]),
        f"The {row['name']} ({row['latin_name']}): {row['course']}.",
        "muscle-action",
    )


def _exercise_for_muscle(library: Library, rng: random.Random) -> Question:
    links = library.links.reset_index()
    primary = links[links["role"] == "primary"]
    muscle = rng.choice(sorted(primary["muscle"].unique()))
    works = set(links.loc[links["muscle"] == muscle, "exercise"])
    right = rng.choice(sorted(set(primary.loc[primary["muscle"] == muscle, "exercise"])))
    names = library.exercises["name"]
    others = [names[e] for e in library.exercises.index if e not in works]
    muscle_name = library.muscles.at[muscle, "name"]
    return _ask(
        rng,
        f"Which exercise works the {muscle_name.lower()} as a main mover?",
        names[right],
        others,
        f"{names[right]} works the {muscle_name.lower()} as a primary mover; the other "
        "choices do not work it at all.",
        "exercise-for-muscle",
    )


def _cue_of_move(library: Library, rng: random.Random) -> Question:
    moves = library.exercises[library.exercises["category"] == "mobility"]
    move = rng.choice(sorted(moves.index))
    cue = rng.choice(moves.at[move, "cues"])
    return _ask(
        rng,
        f"Which move is this cue from? “{cue}”",
        moves.at[move, "name"],
        list(moves["name"]),
        f"It is a cue of the {moves.at[move, 'name']}: {moves.at[move, 'description']}",
        "cue-of-move",
    )


def make_quiz(library: Library, *, questions: int = 9, seed: int | None = None) -> list[Question]:
    """Questions of each kind in turn, drawn at random (or from ``seed``), none twice.

    Examples
    --------
    >>> library = Library.load(user=False)
    >>> make_quiz(library, seed=4) == make_quiz(library, seed=4)
    True
    """
    rng = random.Random(seed)
    makers = (_muscle_action, _exercise_for_muscle, _cue_of_move)
    quiz: list[Question] = []
    prompts: set[str] = set()
    attempts = 0
    while len(quiz) < questions and attempts < questions * 50:
        question = makers[len(quiz) % len(makers)](library, rng)
        attempts += 1
        if question.prompt not in prompts:
            prompts.add(question.prompt)
            quiz.append(question)
    return quiz
