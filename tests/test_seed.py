"""The tables hold everything the seed article says, and agree with it."""

import os
import re
from pathlib import Path

import pytest

import upperback

FIVE_MOVES = [
    "rhomboid-push-up",
    "wall-splat",
    "can-openers",
    "eleven-fifteen-stretch",
    "bridge-and-reach-over",
]

# Each of the seed's cues, as words that must appear in one of the move's cues.
SEED_CUES = {
    "rhomboid-push-up": [("chest",), ("protract",)],
    "wall-splat": [("close", "wall"), ("arms", "wide"), ("knee", "wall"), ("hips",)],
    "can-openers": [
        ("knees", "elbows"),
        ("behind", "head"),
        ("rotate", "ceiling"),
        ("hold",),
        ("shoulder blade",),
        ("other side",),
    ],
    "eleven-fifteen-stretch": [("arm",), ("15",), ("reach",)],
    "bridge-and-reach-over": [("bridge",), ("reach",), ("feet", "head")],
}

STRENGTH = [
    "pull-up",
    "chin-up",
    "bent-over-row",
    "seated-row",
    "single-arm-row",
    "deadlift",
    "back-extension",
    "superman",
    "plank",
    "side-plank",
    "plank-leg-lift",
    "downward-dog",
    "cobra",
    "cat-cow",
]

SEED_MUSCLES = [
    "trapezius",
    "rhomboid-major",
    "rhomboid-minor",
    "levator-scapulae",
    "latissimus-dorsi",
    "teres-major",
    "teres-minor",
    "serratus-anterior",
]

RHOMBOIDS = ["rhomboid-major", "rhomboid-minor"]
# What the seed says each exercise targets: (exercise ids, muscle ids, roles allowed).
SEED_TARGETS = [
    (["pull-up", "chin-up"], ["latissimus-dorsi", *RHOMBOIDS, "trapezius"], {"primary"}),
    (["pull-up", "chin-up"], ["biceps-brachii"], {"primary", "secondary"}),
    (
        ["bent-over-row", "seated-row", "single-arm-row"],
        [*RHOMBOIDS, "trapezius", "latissimus-dorsi"],
        {"primary"},
    ),
    (["deadlift"], ["erector-spinae", "gluteus-maximus", "hamstrings", "quadriceps"], {"primary"}),
    (["back-extension"], ["erector-spinae"], {"primary"}),
    (["superman"], ["erector-spinae"], {"primary"}),
    (["plank"], ["rectus-abdominis", "transversus-abdominis"], {"primary"}),
    (["plank", "side-plank"], ["erector-spinae"], {"secondary", "stabiliser"}),
    # The side plank is mainly the muscles at the side of the trunk, not the six-pack.
    (["side-plank"], ["obliques", "quadratus-lumborum"], {"primary"}),
    (["side-plank"], ["rectus-abdominis"], {"secondary", "stabiliser"}),
    # The seed: the rhomboids are active in the push-up but it does not strengthen them;
    # pushing the shoulder blades apart is the serratus anterior's work (the push-up plus).
    (["rhomboid-push-up"], RHOMBOIDS, {"secondary"}),
    (["rhomboid-push-up"], ["serratus-anterior"], {"primary"}),
    # Lifting the legs from face down is hip extension: glutes and hamstrings.
    (["superman", "plank-leg-lift"], ["gluteus-maximus", "hamstrings"], {"primary", "secondary"}),
    # A stretch held against a wall: the spine is not driven by its own muscles.
    (["wall-splat"], ["erector-spinae"], {"secondary", "stabiliser"}),
    (["can-openers", "eleven-fifteen-stretch"], [*RHOMBOIDS, "trapezius"], {"primary"}),
    (["bridge-and-reach-over"], ["gluteus-maximus"], {"primary"}),
]


@pytest.fixture(scope="module")
def library():
    return upperback.Library.load(user=False)


def test_the_five_mobility_moves_come_first_in_the_seeds_order(library):
    mobility = library.exercises.query("category == 'mobility'")
    assert list(mobility.index[:5]) == FIVE_MOVES
    assert (mobility.loc[FIVE_MOVES, "area"] == "thoracic mobility").all()


@pytest.mark.parametrize("move", FIVE_MOVES)
def test_every_cue_the_seed_gives_is_kept(library, move):
    cues = [cue.lower() for cue in library.exercises.loc[move, "cues"]]
    for words in SEED_CUES[move]:
        assert any(all(w in cue for w in words) for cue in cues), (move, words)


def test_the_sided_moves_are_done_on_both_sides(library):
    laterality = library.exercises["laterality"]
    assert laterality["can-openers"] == "unilateral"
    assert laterality["eleven-fifteen-stretch"] == "unilateral"
    assert laterality["single-arm-row"] == "unilateral"
    assert laterality["side-plank"] == "unilateral"


@pytest.mark.parametrize("exercise", STRENGTH)
def test_every_strengthening_exercise_of_the_seed_is_there(library, exercise):
    assert exercise in library.exercises.index


def test_every_upper_back_muscle_of_the_seed_is_its_own_row(library):
    upper = library.muscles.query("region == 'upper back'").index
    assert set(SEED_MUSCLES) <= set(upper)
    assert library.muscles.loc["serratus-anterior", "view"] == "side"


@pytest.mark.parametrize(("exercises", "muscles", "roles"), SEED_TARGETS)
def test_links_agree_with_the_seed(library, exercises, muscles, roles):
    for exercise in exercises:
        for muscle in muscles:
            assert (exercise, muscle) in library.links.index, (exercise, muscle)
            assert library.links.loc[(exercise, muscle), "role"] in roles, (exercise, muscle)


def test_every_exercise_has_a_primary_muscle_and_every_muscle_is_used(library):
    primary = library.links.query("role == 'primary'").index.get_level_values("exercise")
    assert set(library.exercises.index) == set(primary)
    assert set(library.muscles.index) == set(library.links.index.get_level_values("muscle"))


def test_the_seeds_five_reasons_for_a_strong_back_are_there(library):
    benefits = upperback.load_benefits()
    text = " ".join(benefits["benefit"]).lower()
    for reason in ["posture", "injur", "balance", "functional", "athletic"]:
        assert reason in text


def test_the_rhomboid_push_up_is_not_sold_as_rhomboid_strengthening(library):
    push_up = library.exercises.loc["rhomboid-push-up"]
    assert push_up["category"] == "mobility"
    assert "not strengthen" in push_up["description"]
    primary = library.links.query("role == 'primary'").index
    assert not {("rhomboid-push-up", m) for m in RHOMBOIDS} & set(primary)


def test_the_trapezius_draws_the_shoulder_blades_back(library):
    action = library.muscles.loc["trapezius", "action"]
    assert "back toward the spine (retraction" in action


def test_the_can_openers_shoulder_blade_cue_comes_during_the_turn(library):
    cues = [cue.lower() for cue in library.exercises.loc["can-openers", "cues"]]
    blade = next(i for i, c in enumerate(cues) if "shoulder blade" in c)
    hold = next(i for i, c in enumerate(cues) if "hold" in c)
    rotate = next(i for i, c in enumerate(cues) if "rotate" in c)
    assert rotate < blade < hold
    assert "as you turn" in cues[blade]


@pytest.mark.parametrize("move", FIVE_MOVES)
def test_every_move_starts_from_a_position_you_can_take(library, move):
    position = library.exercises.loc[move, "position"].lower()
    body = ("kneel", "sitting", "lying", "stand", "on all fours", "push-up position")
    assert any(word in position for word in body), position


# -- citations of the article ------------------------------------------------------------

# The article's own words that the tables cite: its headings, and for the bridge and
# reach-over, which has no heading of its own, the sentence that names it.
ARTICLE_PASSAGES = (
    "How to Fix Upper Back Pain",
    "How to Fix Upper Back Pain – Rhomboid Push Up",
    "How to Fix Upper Back Pain – Wall Splat",
    "How to Fix Upper Back Pain – Can Openers",
    "How to Fix Upper Back Pain – 11:15 Stretch",
    "This is called the bridge and reach over",
    "What are the Muscles of the Upper Back?",
    "Why is a Strong Back Important?",
    "What Other Exercises are Effective for Strengthening the Back?",
)
# The team's copy of the article sits beside the project, in shared/seed/.
SHARED_ARTICLE = Path(__file__).resolve().parents[2] / "shared/seed/upper-back-pain-article.txt"
ARTICLE = Path(os.environ.get("UPPERBACK_SEED_ARTICLE", SHARED_ARTICLE))
# However a source names the article, it starts with one of these words.
ARTICLE_TAG = re.compile(r"^\s*(seed|article|boxrox|cavaliere|how to fix)\b", re.I)


def article_citations(sources):
    """The cited words of every source that cites the article, however it names it."""
    for source in sources:
        if ARTICLE_TAG.match(source) or "boxrox" in source.lower():
            tag, _, cited = source.partition(":")
            assert tag == "seed", f"{source!r}: cite the article as 'seed: <its words>'"
            yield cited.strip()


def every_source():
    tables = [
        upperback.load_exercises(user=False),
        upperback.load_muscles(),
        upperback.load_exercise_muscles(user=False),
        upperback.load_benefits(),
    ]
    return [s for frame in tables for sources in frame["source"] for s in sources]


def test_every_citation_of_the_article_points_at_its_words():
    cited = set(article_citations(every_source()))
    assert len(cited) >= 5
    for passage in cited:
        assert passage in ARTICLE_PASSAGES, passage


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the seed article is not on this machine")
def test_the_cited_passages_are_in_the_article_word_for_word():
    text = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    for passage in {*ARTICLE_PASSAGES, *article_citations(every_source())}:
        assert passage in text, passage
