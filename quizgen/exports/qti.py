"""The course's banks as an IMS QTI 2.1 content package, for an LMS's own quiz engine.

One item file per question, in a folder per lesson, and one assessment test
per lesson that keeps the bank's draw and shuffle; ``imsmanifest.xml`` lists
every file. Each item states its right answer and scores as our scoring
does, in QTI's own terms:

- single, true/false, fill-in and matching: ``mapResponse`` (each right
  option, accepted answer or matched pair is worth its share);
- multiple: each right option adds a share and each wrong one takes one
  away, floored at 0, as ``score.py`` does;
- ordering: each item followed by its right successor earns a share, tested
  with QTI's ``index`` operator.

Feedback becomes modal feedback: an option's feedback when that option is
answered wrongly, the question's feedback when it is not fully right, and
the explanation always. A call (scenario) has no QTI equivalent: it is
skipped and named. Typed answers compare ignoring case, as QTI allows;
our further tolerance of extra spaces has no QTI equivalent.
"""

from __future__ import annotations

import html.parser
import itertools
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import safe_markdown
from ..course import Quiz
from ..kinds.base import plain
from ..model import (
    Bank,
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from ..rules import EPSILON

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
MANIFEST = "imsmanifest.xml"

# What a QTI 2.1 item body may hold of the HTML our Markdown makes; anything else keeps its text only.
_ALLOWED = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "cite", "code", "dfn", "div", "em", "i", "img", "kbd", "li", "ol"),
        *("p", "pre", "q", "samp", "small", "span", "strong", "sub", "sup", "ul", "var"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "td", "th", "thead", "tr"),
    }
)
_ATTRIBUTES = {"a": ("href",), "img": ("src", "alt"), "td": ("colspan", "rowspan"), "th": ("colspan", "rowspan")}
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Builds one part of the XML under the element it is given: a condition, an expression, a body.
Condition = Callable[[ET.Element], None]
_NOT_IDENTIFIER = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass
class QtiExport:
    files: dict[str, bytes]  # path in the package -> content, manifest included
    questions: int
    skipped: list[str] = field(default_factory=list)  # "file: id (why)"


def identifier(text: str) -> str:
    """A QTI identifier: letters, digits, '_', '-', '.', starting with a letter or '_'."""
    cleaned = _NOT_IDENTIFIER.sub("_", text)
    return cleaned if cleaned[:1].isalpha() or cleaned[:1] == "_" else f"_{cleaned}"


def number(value: float) -> str:
    """A float as QTI reads it, exact enough that shares add up to the whole."""
    return repr(float(value))


def package(quizzes: Sequence[Quiz], progress: Callable[[int, int], None] | None = None) -> QtiExport:
    """Every quiz's questions as item files, a test per quiz, and the manifest listing them."""
    files: dict[str, bytes] = {}
    manifest = ET.Element("manifest", {"identifier": "quizgen-qti", **_namespaces(CP, _cp_location())})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, "schemaversion").text = "1.0.0"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    skipped: list[str] = []
    total = sum(len(quiz.loaded.bank.questions) for quiz in quizzes)
    done = 0
    for quiz in quizzes:
        folder = quiz.quiz_id
        refs: list[tuple[str, str]] = []  # (identifier, href from the test)
        for question in quiz.loaded.bank.questions:
            done += 1
            if progress:
                progress(done, total)
            item = item_xml(question, quiz.loaded.bank)
            if item is None:
                skipped.append(f"{quiz.loaded.file}: {question.id} (a call has no QTI equivalent)")
                continue
            name = f"{question.id}.xml"
            href = f"{folder}/{name}"
            files[href] = item
            refs.append((identifier(question.id), name))
            _resource(resources, identifier(question.id), ITEM_TYPE, href)
        if not refs:
            continue
        test_href = f"{folder}/test.xml"
        test_id = identifier(f"test-{folder.replace('/', '-')}")
        files[test_href] = test_xml(test_id, quiz, refs)
        test = _resource(resources, test_id, TEST_TYPE, test_href)
        for ref, _ in refs:
            ET.SubElement(test, "dependency", {"identifierref": ref})
    files[MANIFEST] = _document(manifest)
    return QtiExport(files, done - len(skipped), skipped)


def write_zip(export: QtiExport, partial: Path) -> None:
    """The package as a zip, the manifest first, with fixed dates so that one course gives one file."""
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(export.files, key=lambda name: (name != MANIFEST, name)):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), export.files[name])


def _namespaces(namespace: str, location: str) -> dict[str, str]:
    """The root's namespace declarations: elements are built with plain names inside it."""
    return {"xmlns": namespace, "xmlns:xsi": XSI, "xsi:schemaLocation": location}


def _cp_location() -> str:
    return f"{CP} {CP_XSD} {QTI} {QTI_XSD}"


def _resource(resources: ET.Element, ident: str, kind: str, href: str) -> ET.Element:
    resource = ET.SubElement(resources, "resource", {"identifier": ident, "type": kind, "href": href})
    ET.SubElement(resource, "file", {"href": href})
    return resource


def _document(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


# ---- items -------------------------------------------------------------------


def sub(parent: ET.Element, tag: str, attributes: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes or {})
    if text is not None:
        element.text = text
    return element


def item_xml(question: Question, bank: Bank) -> bytes | None:
    """One assessmentItem, or None for a kind QTI cannot express."""
    build = _BUILDERS.get(type(question))
    if build is None:
        if isinstance(question, ScenarioQuestion):
            return None
        raise TypeError(f"no QTI for {question.type}")
    item = ET.Element(
        "assessmentItem",
        {
            **_namespaces(QTI, f"{QTI} {QTI_XSD}"),
            "identifier": identifier(question.id),
            "title": _title(question),
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    parts = build(question, bank)
    response = sub(item, "responseDeclaration", parts.declaration)
    correct = sub(response, "correctResponse")
    for value in parts.correct:
        sub(correct, "value", text=value)
    if parts.mapping is not None:
        mapping = sub(
            response,
            "mapping",
            {"lowerBound": "0", "upperBound": number(question.max_points), "defaultValue": "0"},
        )
        for key, worth, extra in parts.mapping:
            sub(mapping, "mapEntry", {"mapKey": key, "mappedValue": number(worth), **extra})
    for name, base, default in (("SCORE", "float", "0"), ("MAXSCORE", "float", number(question.max_points))):
        outcome = sub(item, "outcomeDeclaration", {"identifier": name, "cardinality": "single", "baseType": base})
        sub(sub(outcome, "defaultValue"), "value", text=default)
    feedback = _feedback(question, parts)
    for ident, _, _ in feedback:  # one outcome per feedback: it holds the feedback's identifier when shown
        sub(
            item, "outcomeDeclaration", {"identifier": _shows(ident), "cardinality": "single", "baseType": "identifier"}
        )
    for counter in parts.counters:
        sub(item, "outcomeDeclaration", {"identifier": counter, "cardinality": "single", "baseType": "integer"})
    body = sub(item, "itemBody")
    parts.body(body)
    processing = sub(item, "responseProcessing")
    _set(processing, "SCORE", lambda parent: _base(parent, "float", "0"))
    if parts.score is None:
        _score_by_mapping(processing)
    else:
        parts.score(processing)
    for ident, _, condition in feedback:
        branch = processing
        if condition is not None:
            branch = sub(sub(processing, "responseCondition"), "responseIf")
            condition(branch)
        _set(branch, _shows(ident), _identifier(ident))
    for ident, text, _ in feedback:
        modal = sub(
            item, "modalFeedback", {"outcomeIdentifier": _shows(ident), "identifier": ident, "showHide": "show"}
        )
        _append_html(modal, safe_markdown.block(text))
    return _document(item)


def _title(question: Question) -> str:
    words = plain(question.prompt)
    return words if len(words) <= 80 else words[:79].rstrip() + "\u2026"


@dataclass
class _Parts:
    """What one kind contributes to its item."""

    declaration: dict[str, str]
    correct: list[str]
    body: Callable[[ET.Element], None]
    mapping: list[tuple[str, float, dict[str, str]]] | None = None
    score: Callable[[ET.Element], None] | None = None  # rules that set SCORE; None: mapResponse
    # (feedback identifier, condition builder): when the condition holds, that feedback shows
    option_feedback: list[tuple[str, str, Condition]] = field(default_factory=list)
    counters: list[str] = field(default_factory=list)  # integer outcomes the score rules count with


def _choice_id(index: int) -> str:
    return f"C{index + 1}"


def _single(question: Question, bank: Bank) -> _Parts:
    assert isinstance(question, SingleQuestion)
    return _choice_parts(question, bank, many=False)


def _multiple(question: Question, bank: Bank) -> _Parts:
    assert isinstance(question, MultipleQuestion)
    return _choice_parts(question, bank, many=True)


def _choice_parts(question: SingleQuestion | MultipleQuestion, bank: Bank, *, many: bool) -> _Parts:
    share = question.max_points / sum(option.correct for option in question.options)
    right = [_choice_id(i) for i, option in enumerate(question.options) if option.correct]

    def body(parent: ET.Element) -> None:
        interaction = sub(
            parent,
            "choiceInteraction",
            {
                "responseIdentifier": "RESPONSE",
                "shuffle": "true" if bank.shuffles_options(question) else "false",
                "maxChoices": "0" if many else "1",
            },
        )
        _append_html(sub(interaction, "prompt"), safe_markdown.inline(question.prompt))
        for index, option in enumerate(question.options):
            attributes = {"identifier": _choice_id(index)}
            if option.fixed:
                attributes["fixed"] = "true"
            _append_html(sub(interaction, "simpleChoice", attributes), safe_markdown.inline(option.text))

    mapping: list[tuple[str, float, dict[str, str]]] = []
    for index, option in enumerate(question.options):
        if option.correct:
            mapping.append((_choice_id(index), share, {}))
        elif many:
            mapping.append((_choice_id(index), -share, {}))
    feedback = [
        (f"F{_choice_id(index)}", option.feedback, _chosen_wrongly(_choice_id(index), option.correct, many))
        for index, option in enumerate(question.options)
        if option.feedback
    ]
    return _Parts(
        {"identifier": "RESPONSE", "cardinality": "multiple" if many else "single", "baseType": "identifier"},
        right,
        body,
        mapping,
        option_feedback=feedback,
    )


def _chosen_wrongly(choice: str, correct: bool, many: bool) -> Condition:
    """A condition: a wrong option chosen, or a right one left out."""

    def condition(parent: ET.Element) -> None:
        target = sub(parent, "not") if correct else parent
        test = sub(target, "member" if many else "match")
        if many:
            _base(test, "identifier", choice)
            sub(test, "variable", {"identifier": "RESPONSE"})
        else:
            sub(test, "variable", {"identifier": "RESPONSE"})
            _base(test, "identifier", choice)

    return condition


def _true_false(question: Question, bank: Bank) -> _Parts:
    assert isinstance(question, TrueFalseQuestion)
    right = "TRUE" if question.answer else "FALSE"

    def body(parent: ET.Element) -> None:
        interaction = sub(
            parent, "choiceInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "1"}
        )
        _append_html(sub(interaction, "prompt"), safe_markdown.inline(question.prompt))
        sub(interaction, "simpleChoice", {"identifier": "TRUE"}, "True")
        sub(interaction, "simpleChoice", {"identifier": "FALSE"}, "False")

    return _Parts(
        {"identifier": "RESPONSE", "cardinality": "single", "baseType": "identifier"},
        [right],
        body,
        [(right, question.max_points, {})],
    )


def _fill_blank(question: Question, bank: Bank) -> _Parts:
    assert isinstance(question, FillBlankQuestion)
    # as our comparison sees them: composed Unicode, single spaces (QTI itself ignores case only)
    answers = [" ".join(unicodedata.normalize("NFC", str(answer)).split()) for answer in question.answers]
    longest = max(len(answer) for answer in answers)

    def body(parent: ET.Element) -> None:
        _append_html(sub(parent, "div"), safe_markdown.block(question.prompt))
        line = sub(parent, "p", text="Your answer: ")
        sub(line, "textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": str(max(longest, 10))})

    seen: set[str] = set()
    mapping: list[tuple[str, float, dict[str, str]]] = []
    for answer in answers:
        if answer.lower() not in seen:  # QTI forbids two entries for one key
            seen.add(answer.lower())
            mapping.append((answer, question.max_points, {"caseSensitive": "false"}))
    return _Parts({"identifier": "RESPONSE", "cardinality": "single", "baseType": "string"}, answers[:1], body, mapping)


def _ordering(question: Question, bank: Bank) -> _Parts:
    assert isinstance(question, OrderingQuestion)
    ids = [f"I{index + 1}" for index in range(len(question.items))]

    def body(parent: ET.Element) -> None:
        interaction = sub(parent, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        _append_html(sub(interaction, "prompt"), safe_markdown.inline(question.prompt))
        for ident, item in zip(ids, question.items, strict=True):
            _append_html(sub(interaction, "simpleChoice", {"identifier": ident}), safe_markdown.inline(item))

    def score(processing: ET.Element) -> None:
        # Count the items followed directly by their right successor, wherever in the order they
        # stand; then SCORE = points * pairs / (items - 1), one division, as score.py does.
        _set(processing, "PAIRS", lambda parent: _base(parent, "integer", "0"))
        for first, second in itertools.pairwise(ids):
            branch = sub(sub(processing, "responseCondition"), "responseIf")
            anywhere = sub(branch, "or")
            for place in range(1, len(ids)):
                both = sub(anywhere, "and")
                for at, wanted in ((place, first), (place + 1, second)):
                    test = sub(both, "match")
                    sub(sub(test, "index", {"n": str(at)}), "variable", {"identifier": "RESPONSE"})
                    _base(test, "identifier", wanted)
            _set(branch, "PAIRS", _plus_one("PAIRS"))

        def scored(parent: ET.Element) -> None:
            ratio = sub(parent, "divide")
            product = sub(ratio, "product")
            sub(product, "variable", {"identifier": "PAIRS"})
            _base(product, "float", number(question.max_points))
            _base(ratio, "float", number(len(ids) - 1))

        _set(processing, "SCORE", scored)

    return _Parts(
        {"identifier": "RESPONSE", "cardinality": "ordered", "baseType": "identifier"},
        ids,
        body,
        score=score,
        counters=["PAIRS"],
    )


def _matching(question: Question, bank: Bank) -> _Parts:
    assert isinstance(question, MatchingQuestion)
    lefts = [f"L{index + 1}" for index in range(len(question.pairs))]
    rights = [f"R{index + 1}" for index in range(len(question.choices))]
    pairs = [f"{left} {right}" for left, right in zip(lefts, rights, strict=False)]
    share = question.max_points / len(pairs)

    def body(parent: ET.Element) -> None:
        interaction = sub(
            parent,
            "matchInteraction",
            {
                "responseIdentifier": "RESPONSE",
                "shuffle": "true" if bank.shuffles_options(question) else "false",
                "maxAssociations": str(len(lefts)),
            },
        )
        _append_html(sub(interaction, "prompt"), safe_markdown.inline(question.prompt))
        sources = sub(interaction, "simpleMatchSet")
        for ident, pair in zip(lefts, question.pairs, strict=True):
            _append_html(
                sub(sources, "simpleAssociableChoice", {"identifier": ident, "matchMax": "1"}),
                safe_markdown.inline(pair.left),
            )
        targets = sub(interaction, "simpleMatchSet")
        for ident, text in zip(rights, question.choices, strict=True):
            _append_html(
                sub(targets, "simpleAssociableChoice", {"identifier": ident, "matchMax": str(len(lefts))}),
                safe_markdown.inline(text),
            )

    return _Parts(
        {"identifier": "RESPONSE", "cardinality": "multiple", "baseType": "directedPair"},
        pairs,
        body,
        [(pair, share, {}) for pair in pairs],
    )


_BUILDERS: dict[type, Callable[[Question, Bank], _Parts]] = {
    SingleQuestion: _single,
    MultipleQuestion: _multiple,
    TrueFalseQuestion: _true_false,
    FillBlankQuestion: _fill_blank,
    OrderingQuestion: _ordering,
    MatchingQuestion: _matching,
}


# ---- response processing -----------------------------------------------------


def _base(parent: ET.Element, base: str, value: str) -> ET.Element:
    return sub(parent, "baseValue", {"baseType": base}, value)


def _plus_one(outcome: str) -> Callable[[ET.Element], None]:
    def expression(parent: ET.Element) -> None:
        total = sub(parent, "sum")
        sub(total, "variable", {"identifier": outcome})
        _base(total, "integer", "1")

    return expression


def _set(parent: ET.Element, outcome: str, expression: Callable[[ET.Element], object]) -> None:
    expression(sub(parent, "setOutcomeValue", {"identifier": outcome}))


def _score_by_mapping(processing: ET.Element) -> None:
    condition = sub(processing, "responseCondition")
    branch = sub(condition, "responseIf")
    sub(sub(branch, "not"), "isNull").append(ET.Element("variable", {"identifier": "RESPONSE"}))
    _set(branch, "SCORE", lambda parent: sub(parent, "mapResponse", {"identifier": "RESPONSE"}))


def _identifier(value: str) -> Callable[[ET.Element], object]:
    return lambda parent: _base(parent, "identifier", value)


def _shows(ident: str) -> str:
    return f"FEEDBACK-{ident}"


def _feedback(question: Question, parts: _Parts) -> list[tuple[str, str, Condition | None]]:
    """Each feedback: its identifier, its text, and the condition that shows it (None: always)."""
    shown: list[tuple[str, str, Condition | None]] = list(parts.option_feedback)
    wrong = question.feedback_text()
    if wrong:

        def not_fully_right(parent: ET.Element) -> None:
            less = sub(parent, "lt")
            sub(less, "variable", {"identifier": "SCORE"})
            sub(less, "variable", {"identifier": "MAXSCORE"})

        shown.append(("WRONG", wrong, not_fully_right))
    if question.explanation:
        shown.append(("EXPLANATION", question.explanation, None))
    return shown


# ---- the lesson's test ---------------------------------------------------------


def test_xml(test_id: str, quiz: Quiz, refs: Sequence[tuple[str, str]]) -> bytes:
    bank = quiz.loaded.bank
    test = ET.Element(
        "assessmentTest",
        {**_namespaces(QTI, f"{QTI} {QTI_XSD}"), "identifier": test_id, "title": bank.title},
    )
    for name, base in (("SCORE", "float"), ("MAXSCORE", "float"), ("PASSED", "boolean")):
        sub(test, "outcomeDeclaration", {"identifier": name, "cardinality": "single", "baseType": base})
    part = sub(
        test, "testPart", {"identifier": "part", "navigationMode": "nonlinear", "submissionMode": "simultaneous"}
    )
    section = sub(part, "assessmentSection", {"identifier": "questions", "title": bank.title, "visible": "true"})
    if bank.draw is not None:
        sub(section, "selection", {"select": str(min(bank.draw, len(refs)))})
    if bank.shuffle:
        sub(section, "ordering", {"shuffle": "true"})
    for ident, href in refs:
        sub(section, "assessmentItemRef", {"identifier": ident, "href": href})
    processing = sub(test, "outcomeProcessing")
    for name in ("SCORE", "MAXSCORE"):
        sub(
            sub(sub(processing, "setOutcomeValue", {"identifier": name}), "sum"),
            "testVariables",
            {"variableIdentifier": name},
        )
    # passed: SCORE + tolerance >= MAXSCORE * pass mark, the pass rule of rules.reaches
    reached = sub(sub(processing, "setOutcomeValue", {"identifier": "PASSED"}), "gte")
    score = sub(reached, "sum")
    sub(score, "variable", {"identifier": "SCORE"})
    _base(score, "float", number(EPSILON))
    needed = sub(reached, "product")
    sub(needed, "variable", {"identifier": "MAXSCORE"})
    _base(needed, "float", number(bank.pass_mark / 100))
    return _document(test)


# ---- HTML into QTI's XHTML ---------------------------------------------------------


class _ToQti(html.parser.HTMLParser):
    """Our Markdown's HTML as elements in the QTI namespace; unknown tags keep only their text."""

    def __init__(self, root: ET.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[ET.Element | None] = [root]
        self.last: ET.Element | None = None  # the element whose tail takes the next text

    def _open(self) -> ET.Element:
        return next(element for element in reversed(self.stack) if element is not None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED:
            if tag not in _VOID:  # its end tag will come
                self.stack.append(None)
            return
        kept = {name: value for name, value in attrs if name in _ATTRIBUTES.get(tag, ()) and value is not None}
        if tag == "img":
            kept.setdefault("alt", "")
        element = sub(self._open(), tag, kept)
        self.last = None
        if tag in _VOID:
            self.last = element
        else:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and len(self.stack) > 1:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or len(self.stack) <= 1:
            return
        closed = self.stack.pop()
        if closed is not None:
            self.last = closed

    def handle_data(self, data: str) -> None:
        if self.last is not None:
            self.last.tail = (self.last.tail or "") + data
            return
        parent = self._open()
        if len(parent):
            last_child = parent[-1]
            last_child.tail = (last_child.tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def _append_html(parent: ET.Element, markup: str) -> None:
    parser = _ToQti(parent)
    parser.feed(markup)
    parser.close()
