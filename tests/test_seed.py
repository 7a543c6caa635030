"""The tables hold everything the seed article says, and agree with it."""

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
    (["plank", "side-plank"], ["rectus-abdominis", "transversus-abdominis"], {"primary"}),
    (["plank", "side-plank"], ["erector-spinae"], {"secondary", "stabiliser"}),
    (["side-plank"], ["obliques"], {"primary"}),
    (["rhomboid-push-up"], RHOMBOIDS, {"primary"}),
    (["rhomboid-push-up"], ["serratus-anterior"], {"primary", "secondary"}),
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
