"""The tables hold everything the seed article says, and agree with it."""

import os
import re
from pathlib import Path

import pytest

import upperback
from upperback.ladders import load_ladders
from upperback.tables import load_lesson_points

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
    # The wall splat is for thoracic extension: the muscles along the spine take it further
    # as you sink toward the wall; the hips sinking forward only help.
    (["wall-splat"], ["erector-spinae"], {"primary"}),
    (["wall-splat"], ["gluteus-maximus"], {"secondary", "stabiliser"}),
    (["can-openers", "eleven-fifteen-stretch"], [*RHOMBOIDS, "trapezius"], {"primary"}),
    # The can openers turn the upper body: the trunk's rotators do that turning.
    (["can-openers"], ["obliques"], {"primary"}),
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

# The team's copy of the article sits beside the project: ../shared/seed from the repo root.
SHARED_ARTICLE = Path(__file__).resolve().parents[2] / "shared/seed/upper-back-pain-article.txt"
ARTICLE = Path(os.environ.get("UPPERBACK_SEED_ARTICLE", SHARED_ARTICLE))
needs_article = pytest.mark.skipif(
    not ARTICLE.is_file(), reason=f"the seed article is not on this machine ({ARTICLE})"
)
# However a source names the article, it starts with one of these words.
ARTICLE_TAG = re.compile(r"^\s*(seed|article|boxrox|cavaliere|how to fix)\b", re.I)

# The words the article uses for each exercise it names, and for each muscle it links to one.
ARTICLE_EXERCISES = {
    "rhomboid-push-up": ("rhomboid push up",),
    "knee-rhomboid-push-up": ("rhomboid push up",),
    "wall-splat": ("wall splat",),
    "can-openers": ("can openers",),
    "eleven-fifteen-stretch": ("11:15 stretch",),
    "bridge-and-reach-over": ("bridge and reach over",),
    "pull-up": ("pull-ups",),
    "assisted-pull-up": ("pull-ups",),
    "chin-up": ("chin-ups",),
    "bent-over-row": ("bent-over rows",),
    "seated-row": ("seated rows",),
    "single-arm-row": ("single-arm rows",),
    "deadlift": ("deadlifts",),
    "back-extension": ("back extensions",),
    "superman": ("supermans", "lying face down on the ground and lifting the arms and legs"),
    "plank": ("planks",),
    "knee-plank": ("planks",),
    "side-plank": ("side plank",),
    "bent-knee-side-plank": ("side plank",),
    "plank-leg-lift": ("leg lifts",),
    "downward-dog": ("downward dog",),
    "cobra": ("cobra",),
    "cat-cow": ("cat-cow",),
}
ARTICLE_MUSCLES = {
    "latissimus-dorsi": ("lats", "latissimus dorsi"),
    "rhomboid-major": ("rhomboid",),
    "rhomboid-minor": ("rhomboid",),
    "trapezius": ("trapezius",),
    "biceps-brachii": ("arms",),
    "erector-spinae": ("erector spinae", "lower back"),
    "multifidus": ("lower back",),
    "gluteus-maximus": ("glutes",),
    "hamstrings": ("legs",),
    "quadriceps": ("legs",),
    "rectus-abdominis": ("core",),
    "transversus-abdominis": ("core",),
}
# Links the article does not make, though earlier tables cited it for them.
NOT_IN_THE_ARTICLE = [
    ("rhomboid-push-up", "serratus-anterior"),
    ("side-plank", "obliques"),
    ("bridge-and-reach-over", "gluteus-maximus"),
    *((pose, m) for pose in ("downward-dog", "cobra", "cat-cow") for m in ARTICLE_MUSCLES),
]
BENEFIT_WORDS = {
    "posture": "posture",
    "injury-prevention": "injuries",
    "balance-and-coordination": "balance and coordination",
    "functional-strength": "functional strength",
    "athletic-performance": "performance",
}
# The article's advice before a new routine: before starting, not before adding load.
BEFORE_YOU_START = "before starting a new exercise routine"


def article_citations(sources):
    """The cited words of every source that cites the article, however it names it."""
    for source in sources:
        if ARTICLE_TAG.match(source) or "boxrox" in source.lower():
            tag, _, cited = source.partition(":")
            assert tag == "seed", f"{source!r}: cite the article as 'seed: <its words>'"
            yield cited.strip()


def tables():
    return {
        "exercises": upperback.load_exercises(user=False),
        "muscles": upperback.load_muscles(),
        "exercise_muscles": upperback.load_exercise_muscles(user=False),
        "benefits": upperback.load_benefits(),
        "lesson_points": load_lesson_points(),
        "ladders": load_ladders(user=False),
    }


def every_source():
    return [s for frame in tables().values() for sources in frame["source"] for s in sources]


def seed_links():
    links = upperback.load_exercise_muscles(user=False)
    for (exercise, muscle), sources in links["source"].items():
        for cited in article_citations(sources):
            yield exercise, muscle, cited


@pytest.fixture(scope="module")
def article():
    """The article's text with its line breaks and runs of spaces made single spaces."""
    return " ".join(ARTICLE.read_text(encoding="utf-8").split())


def test_every_citation_of_the_article_is_a_phrase_to_find():
    cited = set(article_citations(every_source()))
    assert len(cited) >= 20
    for phrase in cited:
        assert len(phrase.split()) >= 4, phrase  # a heading or a phrase, not a word


def test_the_article_is_cited_only_for_links_it_makes():
    """Runs without the article: a seed-sourced link names an exercise and a muscle it names."""
    for exercise, muscle, _ in seed_links():
        assert exercise in ARTICLE_EXERCISES and muscle in ARTICLE_MUSCLES, (exercise, muscle)
    links = upperback.load_exercise_muscles(user=False)
    for key in NOT_IN_THE_ARTICLE:
        if key in links.index:
            assert not list(article_citations(links.at[key, "source"])), key
            assert "anatomy: general anatomy" in links.at[key, "source"], key


@needs_article
def test_the_cited_phrases_are_in_the_article_word_for_word(article):
    for phrase in set(article_citations(every_source())):
        assert phrase in article, phrase


@needs_article
def test_each_link_the_article_makes_is_in_its_phrase(article):
    """The phrase names the muscle, and the exercise is named in the phrase or just before."""
    checked = 0
    for exercise, muscle, cited in seed_links():
        lower = cited.lower()
        assert any(word in lower for word in ARTICLE_MUSCLES[muscle]), (exercise, muscle, cited)
        at = article.index(cited)
        passage = article[max(0, at - 250) : at + len(cited)].lower()
        assert any(word in passage for word in ARTICLE_EXERCISES[exercise]), (exercise, cited)
        checked += 1
    assert checked >= 25


@needs_article
def test_each_exercise_the_article_is_cited_for_is_named_by_it(article):
    for exercise, sources in upperback.load_exercises(user=False)["source"].items():
        cited = [c for c in article_citations(sources) if BEFORE_YOU_START not in c]
        if cited:
            words = ARTICLE_EXERCISES[exercise]
            assert any(w in c.lower() for c in cited for w in words), (exercise, cited)


@needs_article
def test_each_muscle_the_article_is_cited_for_is_its_line_on_that_muscle(article):
    muscles = upperback.load_muscles()
    for muscle, sources in muscles["source"].items():
        first_word = muscles.at[muscle, "name"].split()[0].lower()
        for cited in article_citations(sources):
            assert first_word in cited.lower(), (muscle, cited)


@needs_article
def test_each_benefit_and_its_examples_are_the_articles(article):
    benefits = upperback.load_benefits()
    lower = article.lower()
    for benefit, row in benefits.iterrows():
        cited = " ".join(article_citations(row["source"])).lower()
        assert BENEFIT_WORDS[benefit] in cited, benefit
        if "coaching practice: everyday examples" not in row["source"]:
            for example in row["examples"]:
                assert example.lower() in lower, (benefit, example)


def test_the_strength_cautions_say_see_a_professional_before_you_start():
    exercises = upperback.load_exercises(user=False)
    strength = exercises[exercises["category"].isin(["strength", "core"])]
    assert len(strength) >= 10
    for exercise, row in strength.iterrows():
        first = row["cautions"][0]
        assert "new to exercise" in first.lower() and "health condition" in first, exercise
        assert "before you start" in first and "load" not in first, exercise
        cited = " ".join(article_citations(row["source"]))
        assert BEFORE_YOU_START in cited, exercise


@needs_article
def test_the_article_says_to_see_a_professional_before_starting(article):
    assert "new to exercise or have an underlying health condition" in article
    assert BEFORE_YOU_START in article


@pytest.mark.parametrize("move", FIVE_MOVES)
def test_each_of_the_five_moves_names_its_target_in_the_thoracic_spine(library, move):
    assert library.exercises.loc[move, "target"].startswith("Thoracic")


def test_the_wall_splat_is_for_thoracic_extension_not_the_glutes(library):
    assert library.exercises.loc["wall-splat", "target"] == "Thoracic extension"
    main = library.links.query("role == 'primary'").loc["wall-splat"].index
    assert list(main) == ["erector-spinae"]
