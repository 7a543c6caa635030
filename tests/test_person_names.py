"""One person, one name: any spelling of a name is one person; two people never share one.

Hypothesis writes the spellings (letter case, Unicode's composed and decomposed forms,
spaces around and between words) and the pairs of different people.
"""

import importlib
import re
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from upperback.person_names import (
    LONGEST_NAME,
    PersonNameError,
    file_stem,
    match_name,
    matching_key,
    person_name,
)

# Names people write: letters of any script, marks, digits, punctuation, symbols, spaces.
NAMES = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=30
).filter(lambda name: name.strip())
SPACES = st.text(st.sampled_from([" ", "\u2009", "\u00a0", "\u3000"]), max_size=3)


@st.composite
def spellings(draw, name):
    """Another way of writing ``name``: its case, Unicode form and spaces changed."""
    words = name.split()
    case = draw(st.sampled_from([str, str.upper, str.lower, str.casefold, str.title]))
    form = draw(st.sampled_from(["NFC", "NFD"]))
    gaps = [draw(SPACES) + " " for _ in words[1:]]
    inner = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:], strict=True))
    return draw(SPACES) + unicodedata.normalize(form, case(inner)) + draw(SPACES)


def keeps(name: str) -> bool:
    try:
        person_name(name)
    except PersonNameError:
        return False
    return True


@given(st.data(), NAMES.filter(keeps))
@settings(max_examples=300, deadline=None)
def test_any_two_spellings_of_one_name_are_one_person_with_one_file(data, name):
    other = data.draw(spellings(name))
    # Letters whose case has no way back (a Turkish dotless i made "I") are another name.
    assume(keeps(other) and matching_key(other.casefold()) == matching_key(name.casefold()))
    assert person_name(other).key == person_name(name).key
    assert file_stem(other) == file_stem(name)
    assert match_name(other, ["Robin", name]) == name


@given(NAMES.filter(keeps), NAMES.filter(keeps))
@settings(max_examples=300, deadline=None)
def test_two_different_people_never_share_a_key_or_a_file(first, second):
    if person_name(first).key == person_name(second).key:
        return  # one person, spelt twice
    assert file_stem(first) != file_stem(second)
    assert match_name(second, [first]) is None


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_key_of_a_stored_name_is_the_key_the_migration_gave_it(text):
    """Revision 0006 computes keys with a copy of its own; both must agree for every name,
    even one kept before names were checked."""
    migration = importlib.import_module(
        "upperback.store.migrations.versions.0006_one_client_per_name"
    )
    assert migration.matching_key(text) == matching_key(text)
    if keeps(text):
        assert matching_key(text) == person_name(text).key


def test_the_shown_form_is_tidied_and_composed():
    assert person_name("  Zoe\u0308   MARTIN\u00a0 ").shown == "Zo\u00eb MARTIN"
    assert person_name("Zoe\u0308").key == person_name("ZO\u00cb").key == "zo\u00eb"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Sam\nRobin", "a line break"),
        ("Sam\r\n", "a line break"),
        ("Sam\u2028Robin", "a line break"),
        ("Sam\u2029", "a line break"),
        ("Sam\tRobin", "a tab"),
        ("Sam\x1b[31m", "a control character"),
        ("Sam\x00", "a control character"),
        ("Sam\u202eliam", "a hidden writing-direction change"),  # right-to-left override
        ("\u202bSam", "a hidden writing-direction change"),  # an embedding
        ("Sam\u2066x\u2069", "a hidden writing-direction change"),  # an isolate
        ("Sam\u200f", "a hidden writing-direction mark"),
        ("Kim\u200b", "an invisible space (the zero-width space)"),
        ("Ki\u200cm", "an invisible joiner (the zero-width non-joiner)"),
        ("Ki\u200dm", "an invisible joiner (the zero-width joiner)"),
        ("Ki\u2060m", "an invisible joiner (the word joiner)"),
        ("\ufeffKim", "an invisible mark (the byte-order mark)"),
        ("Kim\u00ad", "an invisible formatting character"),  # a soft hyphen
    ],
)
def test_a_name_that_could_show_one_thing_and_be_another_is_refused_in_words(name, said):
    with pytest.raises(
        PersonNameError, match="^" + re.escape(f"A name can't contain {said}")
    ) as refused:
        person_name(name)
    message = str(refused.value)
    assert "\\u" not in message and "U+" not in message and "str" not in message
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in message)


@pytest.mark.parametrize("name", ["", "   ", "\u3000", None, 42])
def test_an_empty_name_asks_for_one(name):
    with pytest.raises(PersonNameError, match="Type a name first"):
        person_name(name)


def test_the_longest_name_is_kept_and_one_more_letter_is_refused():
    assert person_name("x" * LONGEST_NAME).shown == "x" * LONGEST_NAME
    assert person_name("  " + "x" * LONGEST_NAME + "  ").shown == "x" * LONGEST_NAME
    with pytest.raises(PersonNameError, match=f"up to {LONGEST_NAME} characters; this one has"):
        person_name("x" * (LONGEST_NAME + 1))


@pytest.mark.parametrize(("first", "second"), [("日本", "中文"), ("O'Neil", "o neil")])
def test_two_people_whose_names_fold_alike_have_files_of_their_own(first, second):
    assert file_stem(first) != file_stem(second)


@pytest.mark.parametrize(("first", "second"), [("Sam", "sam"), ("Kim", "Kim\u200b")])
def test_spellings_of_one_person_are_one_file(first, second):
    """A name kept before names were checked is matched without its invisible characters."""
    assert file_stem(first) == file_stem(second)


def test_a_file_stem_is_readable_where_the_name_allows():
    assert file_stem("Mary Jo O'Neil").startswith("mary-jo-o-neil-")
    assert file_stem("Zoë").startswith("zoe-")
    assert file_stem("日本").startswith("client-")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in file_stem("日本 Zoë!"))
