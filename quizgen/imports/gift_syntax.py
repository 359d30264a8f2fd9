"""Moodle GIFT text read into plain records, each with the line it stands on.

What this reads, as Moodle's own importer does: questions separated by blank
lines; ``//`` comment lines; ``$CATEGORY: path``; an optional ``::name::``
and ``[format]``; the text, then one answer block in braces (text after the
block makes a "missing word" question); inside the block ``=`` and ``~``
answers with an optional ``%weight%`` and ``#feedback``, ``->`` for
matching pairs, ``TRUE``/``FALSE`` (or ``T``/``F``) with ``#`` feedback, a
leading ``#`` for numerical answers, and ``####`` general feedback; the
escapes ``\\~ \\= \\# \\{ \\} \\: \\\\`` and ``\\n``. Turning records into
banks is ``imports/gift.py``'s job.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..exports.gift import BANK_NOTE, QUESTION_NOTE, SPECIAL
from ..problems import Problem, QuizgenError

_FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = re.compile(r"(?i)(TRUE|FALSE|T|F)\b")


@dataclass
class Answer:
    mark: str  # "=" or "~"
    text: str
    weight: float | None  # percent, when given
    feedback: str | None
    line: int
    left: str | None = None  # matching: the item, when the answer is "left -> right"


@dataclass
class Record:
    """One question as GIFT wrote it; text is still in its ``format``."""

    line: int
    category: str | None
    name: str | None
    format: str  # html, moodle, plain or markdown
    text: str  # the question; "____" stands for the answer block of a missing-word question
    kind: str  # choice, true_false, numerical, essay, description
    answers: list[Answer] = field(default_factory=list)
    truth: bool | None = None
    feedback: list[str | None] = field(default_factory=list)  # true/false: when wrong, when right
    general: str | None = None
    note: dict[str, Any] = field(default_factory=dict)  # what an export of ours kept in a comment


@dataclass
class Document:
    records: list[Record]
    banks: dict[str, dict[str, Any]]  # category -> the bank note written after it


class _Text:
    """A question's lines joined, with a way back from an offset to the file's line."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.text = "\n".join(content for _, content in lines)
        self.numbers = [number for number, _ in lines]
        self.starts: list[int] = []
        offset = 0
        for _, content in lines:
            self.starts.append(offset)
            offset += len(content) + 1

    def line(self, offset: int) -> int:
        return self.numbers[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def unescape(text: str) -> str:
    """GIFT's escapes undone: ``\\=`` is "=", ``\\n`` a line break; other backslashes stay."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            if following in SPECIAL:
                out.append(following)
                index += 2
                continue
            if following == "n":
                out.append("\n")
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def find(text: str, wanted: str, start: int = 0) -> int:
    """The first ``wanted`` at or after ``start`` that no backslash escapes, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(wanted, index):
            return index
        index += 1
    return -1


def parse(text: str, file: str) -> Document:
    """Every question of a GIFT file; a syntax error raises QuizgenError naming its line."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append((number, line))
    records: list[Record] = []
    banks: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    category: str | None = None
    for block in blocks:
        note: dict[str, Any] = {}
        lines: list[tuple[int, str]] = []
        for number, line in block:
            stripped = line.strip()
            if stripped.startswith(BANK_NOTE.strip()) and category is not None:
                banks[category] = _json(stripped.removeprefix(BANK_NOTE.strip()))
            elif stripped.startswith(QUESTION_NOTE.strip()):
                note = _json(stripped.removeprefix(QUESTION_NOTE.strip()))
            elif stripped.startswith("//"):
                continue
            elif stripped.startswith("$CATEGORY:") and not lines:
                category = stripped.removeprefix("$CATEGORY:").strip()
            else:
                lines.append((number, line))
        if not lines:
            continue
        try:
            record = _question(_Text(lines), category, file)
        except QuizgenError as exc:
            problems.extend(exc.problems)
            continue
        record.note = note
        records.append(record)
    if problems:
        raise QuizgenError(problems)
    return Document(records, banks)


def _json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _question(source: _Text, category: str | None, file: str) -> Record:
    text = source.text
    first = source.line(0)

    def problem(offset: int, message: str, hint: str) -> QuizgenError:
        line = source.line(offset)
        column = offset - source.starts[source.numbers.index(line)] + 1
        return QuizgenError([Problem(file, line, column, message, hint)])

    index = len(text) - len(text.lstrip())
    name = None
    if text.startswith("::", index):
        end = find(text, "::", index + 2)
        if end < 0:
            raise problem(index, "the question's name is not closed with '::'", "write ::name:: before the question")
        name = unescape(text[index + 2 : end]).strip()
        index = end + 2
    while index < len(text) and text[index].isspace():
        index += 1
    form = "moodle"
    matched = _FORMAT.match(text, index)
    if matched:
        form = matched.group(1).lower()
        index = matched.end()
    opening = find(text, "{", index)
    if opening < 0:  # no answers: a description (text only)
        return Record(first, category, name, form, unescape(text[index:].strip()), "description")
    closing = find(text, "}", opening + 1)
    if closing < 0:
        raise problem(
            opening,
            "the answers that start here are never closed with '}'",
            "add '}' after the last answer, or write \\{ for a brace in the question's text",
        )
    after = text[closing + 1 :]
    if find(after, "{") >= 0:
        raise problem(
            closing + 1 + find(after, "{"),
            "a second answer block in one question",
            "give each question one {...}, or write \\{ for a brace in the text",
        )
    before = unescape(text[index:opening].strip())
    after = unescape(after.strip())
    joint = "" if after[:1] in ".,;:!?)" else " "  # "is called ____." keeps its full stop
    question_text = f"{before} ____{joint}{after}".strip() if after else before
    record = Record(first, category, name, form, question_text, "choice")
    _answers(record, text, opening + 1, closing, source, problem)
    return record


def _answers(record: Record, text: str, start: int, end: int, source: _Text, problem: Any) -> None:
    block = text[start:end]
    body = block.strip()
    offset = start + (len(block) - len(block.lstrip()))
    if not body:
        record.kind = "essay"
        return
    if body.startswith("#"):
        record.kind = "numerical"
        return
    general_at = find(block, "####")
    if general_at >= 0:
        record.general = unescape(block[general_at + 4 :].strip()) or None
        block = block[:general_at]
        body = block.strip()
    truth = _TRUE_FALSE.match(body)
    if truth and (len(body) == truth.end() or body[truth.end()] == "#"):
        record.kind = "true_false"
        record.truth = truth.group(1).upper().startswith("T")
        rest = body[truth.end() :]
        feedback: list[str | None] = []
        while rest.startswith("#"):
            following = find(rest, "#", 1)
            piece = rest[1:] if following < 0 else rest[1:following]
            feedback.append(unescape(piece.strip()) or None)
            rest = "" if following < 0 else rest[following:]
        record.feedback = feedback
        return
    marks = [i for i in range(len(block)) if block[i] in "=~" and _unescaped(block, i)]
    if not marks or block[: marks[0]].strip():
        at = offset if not marks else start + len(block[: marks[0]]) - len(block[: marks[0]].lstrip())
        raise problem(
            at,
            "an answer must start with '=' (right) or '~' (wrong)",
            "put '=' before each right answer and '~' before each wrong one, or write \\= and \\~ in text",
        )
    for number, mark_at in enumerate(marks):
        piece = block[mark_at + 1 : marks[number + 1] if number + 1 < len(marks) else len(block)]
        weight = None
        stripped = piece.lstrip()
        found = _WEIGHT.match(stripped)
        if found:
            weight = float(found.group(1))
            stripped = stripped[found.end() :]
        feedback_at = find(stripped, "#")
        answer_text = stripped if feedback_at < 0 else stripped[:feedback_at]
        feedback_text = None if feedback_at < 0 else unescape(stripped[feedback_at + 1 :].strip()) or None
        arrow = find(answer_text, "->")
        left = None
        if arrow >= 0 and block[mark_at] == "=":
            left = unescape(answer_text[:arrow].strip())
            answer_text = answer_text[arrow + 2 :]
        record.answers.append(
            Answer(
                block[mark_at],
                unescape(answer_text.strip()),
                weight,
                feedback_text,
                source.line(start + mark_at),
                left,
            )
        )


def _unescaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 0
