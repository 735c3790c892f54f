"""A bank's prose, read from its TOML file: the texts of each question, apart from its logic.

A bank module ``smmlib/exercises/exNN_key.py`` declares what is checked
(expected answers, cases, misconceptions, the right options); the words a
student reads (heading, brief, title, hints, options, explanations, ...)
stand in ``smmlib/exercises/texts/exNN_key.toml``, one table per question::

    [q5]
    heading = "Do paid posts reach and engage more?"
    brief = "The real page's owner wonders ..."
    title = "Real page: mean reach and mean engaged_users ..."
    hints = ["The idea.", "The method in words.", "`code`, last"]

    [q5.explanations]   # a table by letter: options, explanations, steps, hint_calls
    b = "Why b is wrong."

and the module writes ``Value(**TEXT("q5"), expected=_q5, ...)`` with
``TEXT = load_texts(Path(__file__).with_name("texts") / "exNN_key.toml")``.
Texts computed from the module's constants (f-strings) stay in Python.

The bank's own title is the table ``[bank]`` and its knowledge check, all
data, the table ``[quiz]`` (questions and options in the order the student
sees them; docs/exercise-engine.md shows one). The module ends with
``BANK = TEXT.bank("NN_key", QUESTIONS, datasets=...)``, which takes both
from the file and refuses texts that no question used.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "ex99_demo.toml"
>>> _ = path.write_text('[q1]\\ntitle = "What is 2 + 2?"\\nhints = ["Count.", "Add."]\\n'
...                     '[q2]\\ntitle = "Pick one."\\n[q2.options]\\na = "yes"\\nb = "no"\\n', encoding="utf-8")
>>> TEXT = load_texts(path)
>>> TEXT("q1")
{'key': 'q1', 'title': 'What is 2 + 2?', 'hints': ('Count.', 'Add.')}
>>> TEXT.unused()
['q2']
>>> TEXT("q2")["options"]
{'a': 'yes', 'b': 'no'}
>>> TEXT.unused()
[]
>>> _ = path.write_text('[quiz]\\ntitle = "Demo"\\n[[quiz.questions]]\\nprompt = "2 + 2?"\\n'
...                     '[[quiz.questions.options]]\\ntext = "4"\\ncorrect = true\\nexplanation = "Yes."\\n'
...                     '[[quiz.questions.options]]\\ntext = "5"\\nexplanation = "One too many."\\n', encoding="utf-8")
>>> print(load_texts(path).quiz().text())
Knowledge check: Demo
(Run the notebook in JupyterLab to answer with instant feedback.)
<BLANKLINE>
1. 2 + 2? (choose one)
   a) 4
   b) 5
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .questions import Bank, Question
from .quiz import Option, Quiz, QuizQuestion

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, installed as tomli
    import tomli as tomllib

__all__ = ["BANK_TABLE", "PROSE_FIELDS", "QUIZ_TABLE", "Texts", "TextsError", "load_texts"]

#: The fields a text file may give a question, and what each must be:
#: a string, an array of strings, or a table (letter or name -> string).
PROSE_FIELDS: dict[str, str] = {
    "heading": "string",
    "brief": "string",
    "title": "string",
    "hints": "array",
    "on_correct": "string",
    "rubric": "array",
    "solution": "string",
    "options": "table",
    "explanations": "table",
    "steps": "table",
    "hint_calls": "table",
}

#: The reserved tables: the bank's own texts, and its knowledge check (the fields of its
#: questions and options below).
BANK_TABLE = "bank"
QUIZ_TABLE = "quiz"
_QUIZ_FIELDS = {"title": str}
_QUIZ_QUESTION_FIELDS = {"prompt": str, "options": list, "multiple": bool}
_QUIZ_OPTION_FIELDS = {"text": str, "correct": bool, "explanation": str}

_WHAT = {"string": "a string", "array": "an array of strings", "table": "a table of strings"}


class TextsError(ValueError):
    """A text file that cannot serve its bank: the message names the file, what is wrong and the fix."""


def _kind(value: Any) -> str:
    names = {str: "a string", list: "an array", dict: "a table", bool: "a boolean", int: "an integer",
             float: "a float"}
    return names.get(type(value), f"a {type(value).__name__}")


def _check_field(where: str, name: str, value: Any) -> Any:
    """``value`` as the question takes it (arrays as tuples), or a TextsError naming the problem."""
    want = PROSE_FIELDS[name]
    if want == "string" and isinstance(value, str):
        return value
    if want == "array" and isinstance(value, list):
        bad = [n for n, item in enumerate(value, start=1) if not isinstance(item, str)]
        if not bad:
            return tuple(value)
        raise TextsError(f"{where}: {name} must be {_WHAT[want]}, but item {bad[0]} is "
                         f"{_kind(value[bad[0] - 1])}; put each item in quotes.")
    if want == "table" and isinstance(value, dict):
        bad = [k for k, v in value.items() if not isinstance(v, str)]
        if not bad:
            return dict(value)
        raise TextsError(f"{where}: {name} must be {_WHAT[want]}, but {name}.{bad[0]} is "
                         f"{_kind(value[bad[0]])}; give each entry one string.")
    example = {"string": f'{name} = "..."', "array": f'{name} = ["...", "..."]',
               "table": f'a sub-table [qN.{name}] with lines such as a = "..."'}[want]
    raise TextsError(f"{where}: {name} must be {_WHAT[want]}, not {_kind(value)}; write it as {example}.")


class Texts:
    """The question texts of one TOML file; call it with a question key for that question's fields.

    ``texts("q5")`` is ``{"key": "q5", <the table's fields>}``, ready for
    ``Value(**texts("q5"), ...)``. :meth:`unused` lists the tables no question
    asked for; :meth:`bank` refuses to build a bank while it is not empty.
    """

    def __init__(self, path: Path, tables: dict[str, dict[str, Any]], quiz: Quiz | None = None,
                 title: str | None = None):
        self.path = path
        self._tables = tables
        self._quiz = quiz
        self._title = title
        self._asked: set[str] = set()

    def __call__(self, key: str) -> dict[str, Any]:
        if key not in self._tables:
            known = ", ".join(self._tables) or "none"
            raise TextsError(f"{self.path}: no texts for question {key!r} (the file has: {known}); "
                             f"add a table [{key}] with its heading, brief, title and hints.")
        self._asked.add(key)
        return {"key": key, **{name: (dict(v) if isinstance(v, dict) else v)
                               for name, v in self._tables[key].items()}}

    def quiz(self) -> Quiz:
        """The knowledge check of the file's ``[quiz]`` table."""
        if self._quiz is None:
            raise TextsError(f"{self.path}: no knowledge check; add a table [quiz] with a title and "
                             "[[quiz.questions]] (see smmlib.engine.texts).")
        self._asked.add(QUIZ_TABLE)
        return self._quiz

    def bank(self, name: str, questions: list[Question], *, datasets: dict | None = None,
             listed: bool = True) -> Bank:
        """The :class:`Bank` of ``questions`` with the file's title (``[bank]``) and quiz
        (``[quiz]``, if any); refuses a file with texts that no question asked for."""
        if self._title is None:
            raise TextsError(f"{self.path}: no bank title; add a table [bank] with title = \"...\".")
        quiz = self.quiz() if self._quiz is not None else None
        unused = self.unused()
        if unused:
            raise TextsError(f"{self.path}: no question of bank {name!r} uses the texts of "
                             f"{', '.join(f'[{k}]' for k in unused)}; remove them or fix the question's key.")
        return Bank(name=name, title=self._title, questions=questions, datasets=datasets or {},
                    quiz=quiz, listed=listed)

    def keys(self) -> list[str]:
        """The question keys the file has texts for, in file order."""
        return list(self._tables)

    def unused(self) -> list[str]:
        """The question keys whose texts no question has asked for (yet)."""
        keys = list(self._tables) + ([QUIZ_TABLE] if self._quiz is not None else [])
        return [key for key in keys if key not in self._asked]

    def __repr__(self) -> str:
        quiz = ", quiz" if self._quiz is not None else ""
        return f"Texts({str(self.path)!r}: {', '.join(self._tables)}{quiz})"


def load_texts(path: str | Path) -> Texts:
    """Read and check a bank's text file; every problem is a :class:`TextsError` naming the file.

    Checked: the file exists and is valid TOML (the parser's line and column
    are kept), every top-level entry is a question's table named by its key,
    every field is one of :data:`PROSE_FIELDS` and of that field's type.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TextsError(f"{path}: no such text file; a bank's texts go in "
                         "smmlib/exercises/texts/<module>.toml, next to the bank module.") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise TextsError(f"{path}: not valid TOML: {exc}. Check the quotes and brackets there "
                         "(a long text goes in triple quotes \"\"\"...\"\"\").") from None
    tables: dict[str, dict[str, Any]] = {}
    quiz = _quiz(path, data.pop(QUIZ_TABLE)) if QUIZ_TABLE in data else None
    title = _fields(f"{path}: [bank]", data.pop(BANK_TABLE), {"title": str}, ("title",))["title"] \
        if BANK_TABLE in data else None
    for key, table in data.items():
        if not isinstance(table, dict):
            raise TextsError(f"{path}: {key} = ... stands outside any question; put it under its "
                             "question's table, e.g. [q1].")
        if not key.isidentifier() or key.startswith("_"):
            raise TextsError(f"{path}: [{key}] is not a question key; name the table by the question's "
                             "key, e.g. [q3].")
        unknown = [name for name in table if name not in PROSE_FIELDS]
        if unknown:
            raise TextsError(f"{path}: [{key}] has {unknown[0]!r}, which is not a text field "
                             f"(text fields: {', '.join(PROSE_FIELDS)}); logic such as expected "
                             "answers, correct options and misconceptions stays in the bank module.")
        tables[key] = {name: _check_field(f"{path}: [{key}]", name, value) for name, value in table.items()}
    return Texts(path, tables, quiz, title)


def _fields(where: str, table: Any, allowed: dict[str, type], required: tuple[str, ...]) -> dict[str, Any]:
    """``table`` checked against ``allowed`` (name -> type) with ``required`` names present."""
    if not isinstance(table, dict):
        raise TextsError(f"{where} must be a table, not {_kind(table)}.")
    unknown = [name for name in table if name not in allowed]
    if unknown:
        raise TextsError(f"{where} has {unknown[0]!r}, which is not one of its fields ({', '.join(allowed)}).")
    missing = [name for name in required if name not in table]
    if missing:
        raise TextsError(f"{where} lacks {missing[0]!r}; add {missing[0]} = ... to it.")
    for name, value in table.items():
        if not isinstance(value, allowed[name]):
            want = {str: "a string", bool: "true or false", list: "an array of tables"}[allowed[name]]
            raise TextsError(f"{where}: {name} must be {want}, not {_kind(value)}.")
    return table


def _quiz(path: Path, table: Any) -> Quiz:
    """The [quiz] table as a :class:`Quiz`; a problem names the question and option by number."""
    quiz = _fields(f"{path}: [quiz]", table, {**_QUIZ_FIELDS, "questions": list}, ("title", "questions"))
    questions = []
    for n, raw in enumerate(quiz["questions"], start=1):
        where = f"{path}: [quiz] question {n}"
        q = _fields(where, raw, _QUIZ_QUESTION_FIELDS, ("prompt", "options"))
        options = [Option(**_fields(f"{where}, option {m}", o, _QUIZ_OPTION_FIELDS, ("text", "explanation")))
                   for m, o in enumerate(q["options"], start=1)]
        try:
            questions.append(QuizQuestion(q["prompt"], options, q.get("multiple")))
        except ValueError as exc:
            raise TextsError(f"{where}: {exc}; mark the right option(s) with correct = true.") from None
    try:
        return Quiz(quiz["title"], questions)
    except ValueError as exc:
        raise TextsError(f"{path}: [quiz]: {exc}; add its questions as [[quiz.questions]].") from None
