"""The question texts of the banks (smmlib/exercises/texts/*.toml) and their loader, smmlib.engine.texts.

Each bad file gets an error that names the file, what is wrong and how to fix it.
Texts that no question uses stop the bank's build (``Texts.bank``); here every
text file also belongs to a bank module.
"""

from __future__ import annotations

import importlib
import textwrap
from pathlib import Path

import pytest

from smmlib import exercises
from smmlib.engine.questions import Choice, Value
from smmlib.engine.texts import PROSE_FIELDS, Texts, TextsError, load_texts

TEXTS_DIR = Path(exercises.__file__).with_name("texts")


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ex99_demo.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    """The message of loading a bad file; it always names the file."""
    path = _file(tmp_path, text)
    with pytest.raises(TextsError) as err:
        load_texts(path)
    assert str(path) in str(err.value)
    return str(err.value)


def test_a_question_is_built_from_its_texts(tmp_path):
    path = _file(tmp_path, '''
        [q1]
        heading = "One rate"
        title = """A post reached 200 people and got 10 engagements: \\
            its engagement rate?"""
        hints = ["Divide.", "10 / 200"]

        [q2]
        title = "Which is right?"
        [q2.options]
        a = "yes"
        b = "no"
        [q2.explanations]
        b = "Not so."
    ''')
    text = load_texts(path)
    q1 = Value(**text("q1"), expected=0.05)
    assert (q1.key, q1.heading, q1.hints) == ("q1", "One rate", ("Divide.", "10 / 200"))
    # the line-ending backslash joins the lines with no line break and no indentation
    assert q1.title == "A post reached 200 people and got 10 engagements: its engagement rate?"
    q2 = Choice(**text("q2"), correct="a")
    assert q2.options == {"a": "yes", "b": "no"} and q2.explanations == {"b": "Not so."}
    assert text.unused() == [] and text.keys() == ["q1", "q2"]


def test_each_call_hands_out_a_fresh_copy(tmp_path):
    text = load_texts(_file(tmp_path, '[q1]\ntitle = "t"\n[q1.options]\na = "x"\n'))
    first = text("q1")
    first["options"]["a"] = "changed"
    assert text("q1")["options"] == {"a": "x"}


def test_malformed_toml_names_file_line_and_column(tmp_path):
    message = _error(tmp_path, '[q1]\ntitle = "unclosed\n')
    assert "not valid TOML" in message and "line 2" in message and "column" in message


def test_missing_file_says_where_texts_go(tmp_path):
    with pytest.raises(TextsError, match=r"ex98_none\.toml: no such text file.*smmlib/exercises/texts"):
        load_texts(tmp_path / "ex98_none.toml")


def test_unknown_key_lists_the_known_ones(tmp_path):
    text = load_texts(_file(tmp_path, '[q1]\ntitle = "a"\n[q2]\ntitle = "b"\n'))
    with pytest.raises(TextsError) as err:
        text("q3")
    assert "ex99_demo.toml" in str(err.value)
    assert "no texts for question 'q3' (the file has: q1, q2)" in str(err.value)
    assert "add a table [q3]" in str(err.value)


def test_a_field_that_is_not_prose_is_refused(tmp_path):
    message = _error(tmp_path, '[q1]\ntitle = "a"\nexpected = "b"\n')
    assert "[q1] has 'expected', which is not a text field" in message
    assert ", ".join(PROSE_FIELDS) in message and "stays in the bank module" in message


@pytest.mark.parametrize(("body", "expected"), [
    ('hints = "one hint"', "hints must be an array of strings, not a string"),
    ('hints = ["first", 2]', "hints must be an array of strings, but item 2 is an integer"),
    ("rubric = [true]", "rubric must be an array of strings, but item 1 is a boolean"),
    ('title = ["a", "b"]', "title must be a string, not an array"),
    ("heading = 3", "heading must be a string, not an integer"),
    ('options = "a, b"', "options must be a table of strings, not a string"),
    ("[q1.explanations]\nb = 1", "explanations must be a table of strings, but explanations.b is an integer"),
])
def test_a_field_of_the_wrong_type_is_refused(tmp_path, body, expected):
    message = _error(tmp_path, f"[q1]\n{body}\n")
    assert "[q1]" in message and expected in message


def test_a_value_outside_any_question_is_refused(tmp_path):
    with pytest.raises(TextsError, match=r"title = \.\.\. stands outside any question; put it under"):
        load_texts(_file(tmp_path, 'title = "lost"\n[q1]\nheading = "h"\n'))


def test_a_table_not_named_by_a_question_key_is_refused(tmp_path):
    with pytest.raises(TextsError, match=r"\[q-1\] is not a question key"):
        load_texts(_file(tmp_path, '[q-1]\ntitle = "t"\n'))


def test_unused_texts_are_listed(tmp_path):
    text = load_texts(_file(tmp_path, '[q1]\ntitle = "a"\n[q2]\ntitle = "b"\n[q3]\ntitle = "c"\n'))
    text("q2")
    assert text.unused() == ["q1", "q3"]


def _bank_texts() -> list[tuple[str, Texts]]:
    found = []
    for path in sorted(Path(exercises.__file__).parent.glob("ex*.py")):
        module = importlib.import_module(f"smmlib.exercises.{path.stem}")
        found += [(f"{path.stem}.{name}", value) for name, value in vars(module).items()
                  if isinstance(value, Texts)]
    return found


def test_every_text_file_belongs_to_a_bank_and_every_text_is_used():
    """Every text file is loaded by a bank module, and (as Texts.bank checks when it builds) fully used."""
    loaded = _bank_texts()
    assert {t.path.name for _, t in loaded} == {p.name for p in TEXTS_DIR.glob("*.toml")}, \
        "a file in smmlib/exercises/texts/ that no bank module loads, or a bank's file elsewhere"
    unused = {name: t.unused() for name, t in loaded if t.unused()}
    assert not unused, f"texts no question uses (remove them or fix the key): {unused}"


def test_the_banks_take_their_prose_from_the_text_files():
    """A question whose texts are in the file shows those texts (not a stale copy in Python)."""
    loaded = dict(_bank_texts())
    text = loaded["ex04_metrics.TEXT"]
    q15 = next(q for q in exercises.get_bank("04_metrics").questions if q.key == "q15")
    fields = text("q15")
    assert (q15.heading, q15.title, q15.brief) == (fields["heading"], fields["title"], fields["brief"])
    assert q15.options == fields["options"] and q15.hints == fields["hints"]
    assert sum(len(t.keys()) for t in loaded.values()) == sum(len(b.questions) for b in exercises.BANKS.values())


QUIZ = '''
    [quiz]
    title = "Demo"

    [[quiz.questions]]
    prompt = "2 + 2?"

    [[quiz.questions.options]]
    text = "5"
    explanation = "One too many."

    [[quiz.questions.options]]
    text = "4"
    correct = true
    explanation = "Yes."
'''


def test_the_quiz_table_is_the_knowledge_check(tmp_path):
    text = load_texts(_file(tmp_path, QUIZ))
    assert text.unused() == ["quiz"]
    quiz = text.quiz()
    assert quiz.title == "Demo" and quiz.questions[0].prompt == "2 + 2?"
    assert [(o.text, o.correct) for o in quiz.questions[0].options] == [("5", False), ("4", True)]
    assert not quiz.questions[0].multiple and quiz.questions[0].grade({1}).correct
    assert text.unused() == []


@pytest.mark.parametrize(("change", "expected"), [
    (("correct = true\n", ""), "[quiz] question 1: quiz question '2 + 2?' has no correct option; "
                               "mark the right option(s) with correct = true"),
    (("correct = true", 'correct = "yes"'), "[quiz] question 1, option 2: correct must be true or false, "
                                            "not a string"),
    (('text = "5"', 'txt = "5"'), "[quiz] question 1, option 1 has 'txt', which is not one of its fields "
                                  "(text, correct, explanation)"),
    (('explanation = "One too many."\n', ""), "[quiz] question 1, option 1 lacks 'explanation'"),
    (('prompt = "2 + 2?"', 'prompt = 4'), "[quiz] question 1: prompt must be a string, not an integer"),
    (('title = "Demo"', ""), "[quiz] lacks 'title'"),
])
def test_a_bad_quiz_is_refused(tmp_path, change, expected):
    body = textwrap.dedent(QUIZ).replace(*change)
    message = _error(tmp_path, body)
    assert expected in message


def test_asking_for_a_quiz_the_file_lacks(tmp_path):
    text = load_texts(_file(tmp_path, '[q1]\ntitle = "t"\n'))
    with pytest.raises(TextsError, match=r"ex99_demo\.toml: no knowledge check; add a table \[quiz\]"):
        text.quiz()


def test_the_text_files_ship_with_the_package():
    """pyproject.toml's package-data covers every text file (a non-editable install needs them at import)."""
    import fnmatch

    from smmlib.engine.texts import tomllib  # tomllib, or tomli on Python 3.10

    root = Path(exercises.__file__).parents[2]
    patterns = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["smmlib"]
    package = root / "smmlib"
    unshipped = [str(p.relative_to(package)) for p in TEXTS_DIR.glob("*.toml")
                 if not any(fnmatch.fnmatch(str(p.relative_to(package)), pat) for pat in patterns)]
    assert not unshipped, f"add a pattern for {unshipped} to [tool.setuptools.package-data] in pyproject.toml"


def test_the_bank_takes_title_and_quiz_from_the_file(tmp_path):
    text = load_texts(_file(tmp_path, '[bank]\ntitle = "Demo bank"\n[q1]\ntitle = "What is 2 + 2?"\n'
                                      + textwrap.dedent(QUIZ)))
    bank = text.bank("99_demo", [Value(**text("q1"), expected=4)], listed=False)
    assert (bank.name, bank.title, bank.listed) == ("99_demo", "Demo bank", False)
    assert bank.quiz.title == "Demo" and [q.key for q in bank.questions] == ["q1"]


def test_the_bank_refuses_texts_no_question_used(tmp_path):
    """The unused-texts check runs when the bank is built (a key typo, a leftover question)."""
    text = load_texts(_file(tmp_path, '[bank]\ntitle = "B"\n[q1]\ntitle = "a"\n[q2]\ntitle = "b"\n'))
    with pytest.raises(TextsError) as err:
        text.bank("99_demo", [Value(**text("q1"), expected=1)])
    assert "ex99_demo.toml: no question of bank '99_demo' uses the texts of [q2]" in str(err.value)
    assert "remove them or fix the question's key" in str(err.value)


def test_the_bank_needs_a_title(tmp_path):
    text = load_texts(_file(tmp_path, '[q1]\ntitle = "a"\n'))
    with pytest.raises(TextsError, match=r"no bank title; add a table \[bank\] with title = "):
        text.bank("99_demo", [Value(**text("q1"), expected=1)])
    with pytest.raises(TextsError, match=r"\[bank\]: title must be a string, not an integer"):
        load_texts(_file(tmp_path, "[bank]\ntitle = 3\n"))
