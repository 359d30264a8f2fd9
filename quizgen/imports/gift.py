"""A Moodle GIFT file made into banks of this course: one bank per category.

Each question becomes the kind that scores it as Moodle would, as near as
our kinds allow: one right answer is ``single``; weighted right answers are
``multiple`` (each right option an equal share, each wrong tick taking one
away; different weights are named as changed); answers all marked ``=`` are
``fill_blank`` (Moodle's 0% ``*`` answer gives its feedback for any other
answer); ``left -> right`` pairs are ``matching``, and pairs whose right
sides are the positions 1, 2, 3... are ``ordering``; TRUE/FALSE is
``true_false``. Per-answer feedback, the wrong-answer feedback of a
true/false and the general feedback (our explanation) are kept. Essays,
numerical questions and descriptions have no equivalent here: each is
listed as skipped, with its line, never dropped silently. A question our
rules refuse (no right answer, two matches alike) is skipped with our
reason.

What an export of ours kept in ``// quizgen:`` comments (points, lesson
links, hints, the bank's title and settings) comes back too, so exporting
the course and importing it again gives the same banks, less the calls.
Every bank is checked by the same loader as the build before it is written.
"""

from __future__ import annotations

import html.parser
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from ..exports.gift import NOTED
from ..load import parse_bank
from ..model import Bank
from ..problems import QuizgenError
from .gift_syntax import Answer, Document, Record

# A bank's settings, in the order a bank is written: its keys but the title and the questions.
_SETTINGS = tuple(name for name in Bank.model_fields if name not in ("title", "questions"))
_MOODLE_ROOTS = re.compile(r"^\$[a-z0-9]+\$$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class ImportedBank:
    path: str  # under the output folder, without suffix: "phone-skills/taking-messages"
    title: str
    settings: dict[str, Any]
    questions: list[dict[str, Any]] = field(default_factory=list)

    def yaml_text(self, schema: str | None = None) -> str:
        return bank_yaml(self, schema)


@dataclass(frozen=True)
class Note:
    """A question skipped or changed on the way in: where, which, and why."""

    line: int  # 0: the bank as a whole
    name: str
    text: str

    def format(self, file: str, verb: str) -> str:
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {verb} {self.name}: {self.text}"


@dataclass
class Imported:
    banks: list[ImportedBank]
    skipped: list[Note]
    changed: list[Note]

    @property
    def questions(self) -> int:
        return sum(len(bank.questions) for bank in self.banks)


def convert(document: Document, fallback: str, taken: set[str]) -> Imported:
    """The records as banks; ``fallback`` names the bank of questions before any category,
    and ``taken`` holds the course's ids already used (ids made here are added to it)."""
    banks: dict[str, ImportedBank] = {}
    skipped: list[Note] = []
    changed: list[Note] = []
    for record in document.records:
        name = f"'{record.name or _words(record.text, 6)}'"
        if record.kind in _NO_EQUIVALENT:
            skipped.append(Note(record.line, name, _NO_EQUIVALENT[record.kind]))
            continue
        notes: list[str] = []
        question = {"id": _unique_id(record, taken), **_question(record, notes)}
        _apply_note(question, record.note)
        refused = _refused(question)
        if refused:
            taken.discard(question["id"])
            skipped.append(Note(record.line, name, refused))
            continue
        changed.extend(Note(record.line, name, note) for note in notes)
        path = bank_path(record.category, fallback)
        if path not in banks:
            note = document.banks.get(record.category or "", {})
            title = str(note.get("title") or _category_title(record.category) or fallback)
            banks[path] = ImportedBank(path, title, {k: note[k] for k in _SETTINGS if k in note})
        banks[path].questions.append(question)
    for bank in banks.values():
        draw = bank.settings.get("draw")
        if isinstance(draw, int) and draw > len(bank.questions):
            del bank.settings["draw"]
            changed.append(
                Note(0, bank.path, f"'draw: {draw}' left out, as the bank has {len(bank.questions)} questions")
            )
    return Imported(list(banks.values()), skipped, changed)


_NO_EQUIVALENT = {
    "essay": "an essay question has no equivalent here (a self-check marks every answer itself)",
    "numerical": "a numerical question has no equivalent here; a fill-in with the accepted numbers may do",
    "description": "a description (text with no answers) is not a question; put it in the lesson",
}


# ---- one question -------------------------------------------------------------------


def _question(record: Record, notes: list[str]) -> dict[str, Any]:
    prompt = _one_paragraph(_markdown(record.text, record.format))
    explanation = _markdown(record.general, record.format) if record.general else None
    if record.kind == "true_false":
        question: dict[str, Any] = {"type": "true_false", "prompt": prompt, "answer": bool(record.truth)}
        wrong = record.feedback[0] if record.feedback else None
        if wrong:
            question["feedback"] = _markdown(wrong, record.format)
        if len(record.feedback) > 1 and record.feedback[1]:
            notes.append("the feedback for a right answer was left out: a true/false has feedback when wrong")
    elif all(answer.mark == "=" for answer in record.answers) and any(a.left is not None for a in record.answers):
        question = _pairs(record, prompt, notes)
    elif all(answer.mark == "=" for answer in record.answers):
        question = _fill_blank(record, prompt, notes)
    else:
        question = _choice(record, prompt, notes)
    if explanation:
        question["explanation"] = explanation
    return question


def _choice(record: Record, prompt: str, notes: list[str]) -> dict[str, Any]:
    weighted = any(answer.weight is not None for answer in record.answers)
    right = [answer for answer in record.answers if _is_right(answer)]
    options = []
    for answer in record.answers:
        option: dict[str, Any] = {"text": _one_paragraph(_markdown(answer.text, record.format))}
        if _is_right(answer):
            option["correct"] = True
        if answer.feedback:
            option["feedback"] = _markdown(answer.feedback, record.format)
        options.append(option)
    single = len(right) == 1 and right[0].weight in (None, 100)
    partial = [a for a in record.answers if a.weight is not None and 0 < a.weight < 100]
    if single and partial:
        notes.append("answers with part of the marks count as wrong: a single-choice question is right or wrong")
    if not single and weighted:
        shares = {a.weight for a in right}
        if len(shares) > 1:
            notes.append("right answers of different weights now earn equal shares")
        share = 100 / max(len(right), 1)
        if any(a.weight is not None and a.weight < 0 and abs(a.weight + share) > 0.01 for a in record.answers):
            notes.append("each wrong tick now takes away one right answer's share")
    return {"type": "single" if single else "multiple", "prompt": prompt, "options": options}


def _is_right(answer: Answer) -> bool:
    return answer.weight > 0 if answer.weight is not None else answer.mark == "="


def _fill_blank(record: Record, prompt: str, notes: list[str]) -> dict[str, Any]:
    answers: list[str] = []
    feedback = None
    for answer in record.answers:
        if answer.weight is not None and answer.weight <= 0:
            if answer.text == "*" and answer.feedback:
                feedback = _markdown(answer.feedback, record.format)
            elif answer.text != "*":
                notes.append(f"the answer '{answer.text}' ({answer.weight:g}% in GIFT) was left out")
            continue
        if answer.weight is not None and answer.weight < 100:
            notes.append(
                f"the answer '{answer.text}' ({answer.weight:g}% in GIFT) was left out: a fill-in is right or wrong"
            )
            continue
        if answer.feedback:
            notes.append(f"the feedback of the answer '{answer.text}' was left out: a fill-in has feedback when wrong")
        answers.append(_plain(answer.text, record.format))
    question: dict[str, Any] = {"type": "fill_blank", "prompt": prompt, "answers": answers}
    if feedback:
        question["feedback"] = feedback
    return question


def _pairs(record: Record, prompt: str, notes: list[str]) -> dict[str, Any]:
    pairs = [(a.left or "", _plain(a.text, record.format)) for a in record.answers]
    named = [(left, right) for left, right in pairs if left]
    extras = [right for left, right in pairs if not left]
    if any(a.feedback for a in record.answers):
        notes.append("feedback on a pair was left out: matching has one feedback for the question")
    positions = [right for _, right in named]
    if not extras and len(named) >= 2 and sorted(positions, key=_number) == [str(n) for n in range(1, len(named) + 1)]:
        ordered = sorted(named, key=lambda pair: _number(pair[1]))
        return {
            "type": "ordering",
            "prompt": prompt,
            "items": [_one_paragraph(_markdown(left, record.format)) for left, _ in ordered],
        }
    question: dict[str, Any] = {
        "type": "matching",
        "prompt": prompt,
        "pairs": [{"left": _one_paragraph(_markdown(left, record.format)), "right": right} for left, right in named],
    }
    if extras:
        question["distractors"] = extras
    return question


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _apply_note(question: dict[str, Any], note: dict[str, Any]) -> None:
    """What an export of ours kept in the question's comment."""
    for key in NOTED:  # what an export of ours notes
        if key in note:
            question[key] = note[key]
    for index in note.get("fixed", []) if isinstance(note.get("fixed"), list) else []:
        options = question.get("options", [])
        if isinstance(index, int) and 0 <= index < len(options):
            options[index]["fixed"] = True
    feedback = note.get("feedback")
    if isinstance(feedback, str) and question["type"] in ("matching", "ordering"):
        question["feedback"] = feedback
        explanation = question.get("explanation", "")
        if explanation == feedback:  # the export gives it as the general feedback too, before the explanation
            del question["explanation"]
        elif explanation.startswith(feedback + " "):
            question["explanation"] = explanation[len(feedback) + 1 :]
    order = ["id", "type", "prompt", "options", "answer", "answers", "pairs", "distractors", "items"]
    ordered = {key: question[key] for key in order if key in question}
    ordered.update(question)
    question.clear()
    question.update(ordered)


def _refused(question: dict[str, Any]) -> str | None:
    """Our own rules' reason for refusing the question, or None."""
    try:
        parse_bank(bank_yaml(ImportedBank("x", "x", {}, [question])), "the import")
    except QuizgenError as exc:
        first = exc.problems[0]
        return f"{first.message} ({first.hint})" if first.hint else first.message
    return None


# ---- ids, banks and text ---------------------------------------------------------------


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(_WORD.findall(ascii_text))


def _unique_id(record: Record, taken: set[str]) -> str:
    base = slug(record.name or "") or slug(_words(_plain(record.text, record.format), 6)) or "question"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def bank_path(category: str | None, fallback: str) -> str:
    """A category as a bank's path: Moodle's "$course$/top/..." roots dropped, each part a slug."""
    parts = [part.strip() for part in (category or "").split("/")]
    while parts and (_MOODLE_ROOTS.match(parts[0]) or parts[0].lower() == "top"):
        parts.pop(0)
    slugs = [slug(part) for part in parts if slug(part)]
    return "/".join(slugs) or fallback


def _category_title(category: str | None) -> str | None:
    parts = [part.strip() for part in (category or "").split("/") if part.strip()]
    return parts[-1] if parts else None


def _words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")


def _one_paragraph(text: str) -> str:
    return _BLANK_LINES.sub("\n", text.strip())


def _markdown(text: str, form: str) -> str:
    """GIFT text in its format as Markdown: HTML tags become Markdown, plain text is escaped."""
    if form == "markdown":
        return text.strip()
    if form == "plain":
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text.strip())
    if "<" not in text and "&" not in text:
        return text.strip()
    converter = _HtmlToMarkdown()
    converter.feed(text)
    converter.close()
    return converter.result()


def _plain(text: str, form: str) -> str:
    """Text with no markup at all (matching's right-hand side, accepted answers)."""
    if form in ("html", "moodle") and ("<" in text or "&" in text):
        converter = _HtmlToMarkdown(plain=True)
        converter.feed(text)
        converter.close()
        return converter.result()
    return text.strip()


class _HtmlToMarkdown(html.parser.HTMLParser):
    """The HTML a Moodle question holds as Markdown: paragraphs, line breaks, emphasis, code, links."""

    _WRAP: ClassVar[dict[str, str]] = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}

    def __init__(self, *, plain: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.plain = plain
        self.out: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n")
            if tag == "li" and not self.plain:
                self.out.append("- ")
        elif tag in self._WRAP and not self.plain:
            self.out.append(self._WRAP[tag])
        elif tag == "a":
            href = values.get("href")
            self.links.append(href)
            if href and not self.plain:
                self.out.append("[")
        elif tag == "img" and not self.plain:
            self.out.append(f"![{values.get('alt') or ''}]({values.get('src') or ''})")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "li", "blockquote"):
            self.out.append("\n")
        elif tag in self._WRAP and not self.plain:
            self.out.append(self._WRAP[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not self.plain:
                self.out.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split("\n"))
        self.out.append(text if self.plain else _MARKDOWN_SPECIAL.sub(r"\\\1", text))

    def result(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.out).split("\n")]
        return "\n".join(line for line in lines if line)


# ---- writing ---------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the course's banks are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def bank_yaml(bank: ImportedBank, schema: str | None = None) -> str:
    head = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    data: dict[str, Any] = {"title": bank.title, **bank.settings, "questions": bank.questions}
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return head + re.sub(r"\n  - id: ", "\n\n  - id: ", text)
