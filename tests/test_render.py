"""Rendering: the page contract, and untrusted bank text made harmless."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.i18n import messages_for
from quizgen.load import parse_bank
from quizgen.render import QuizMarkup, json_for_script, quiz_html, render_quiz, runtime_data
from quizgen.safe_markdown import block, inline, is_safe_url

BANK = """\
title: Greeting **callers**
questions:
  - id: greet-first
    type: single
    prompt: What do you say *first*?
    options:
      - text: Hello?
        feedback: Callers cannot tell whom they reached.
      - text: Your organisation's name and your own
        correct: true
    explanation: A greeting tells callers they reached the right place.
    see: "#say-who-you-are"
  - id: greet-habits
    type: multiple
    points: 2
    prompt: Which habits help?
    options:
      - {text: Answering quickly, correct: true}
      - {text: Smiling, correct: true}
      - {text: Letting it ring, feedback: Callers assume nobody cares.}
  - id: greet-rings
    type: true_false
    prompt: Five rings is fine.
    answer: false
    feedback: Callers think you are closed.
  - id: greet-smile
    type: fill_blank
    prompt: Callers hear a ____ in your voice.
    answers: [smile]
"""


class _Tree(HTMLParser):
    """Collects start tags with their attributes, and fails on unbalanced markup."""

    VOID: ClassVar[frozenset[str]] = frozenset({"input", "br", "img", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def parsed(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [], tree.stack
    return tree


def assert_inert(html: str) -> None:
    """Nothing in ``html`` can run: no active elements, no handlers, no unsafe URLs."""
    for tag, attrs in parsed(html).tags:
        assert tag not in {"script", "iframe", "svg", "object", "embed", "style"}, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            if name in ("href", "src"):
                assert is_safe_url(value or ""), html


def render(text: str = BANK, **kwargs: object) -> str:
    bank = parse_bank(text.encode(), "quizzes/x.yml").bank
    return render_quiz(bank, "module/lesson", **kwargs)  # type: ignore[arg-type]


def test_markup_contract() -> None:
    html = render(anchors={"say-who-you-are": "Say who you are"})
    tree = parsed(html)
    forms = [a for t, a in tree.tags if t == "form"]
    assert forms == [
        {
            "class": "quizgen-quiz",
            "data-quiz-id": "module/lesson",
            "data-mode": "practice",
            "aria-labelledby": "check-yourself-title",
            "novalidate": None,
        }
    ]
    fieldsets = [a["data-question-id"] for t, a in tree.tags if t == "fieldset"]
    assert fieldsets == ["greet-first", "greet-habits", "greet-rings", "greet-smile"]
    inputs = [(a["type"], a["name"]) for t, a in tree.tags if t == "input"]
    assert inputs == [
        ("radio", "quizgen-greet-first"),
        ("radio", "quizgen-greet-first"),
        ("checkbox", "quizgen-greet-habits"),
        ("checkbox", "quizgen-greet-habits"),
        ("checkbox", "quizgen-greet-habits"),
        ("radio", "quizgen-greet-rings"),
        ("radio", "quizgen-greet-rings"),
        ("text", "quizgen-greet-smile"),
    ]
    # every control has a label pointing at it
    ids = {a["id"] for t, a in tree.tags if t == "input"}
    labelled = {a["for"] for t, a in tree.tags if t == "label"}
    assert ids == labelled
    assert '<label for="quizgen-greet-rings-0">True</label>' in html
    assert '<label for="quizgen-greet-rings-1">False</label>' in html
    assert re.search(r"<legend>.*What do you say <em>first</em>\?.*</legend>", html)
    assert '<button type="submit" class="quizgen-check">Check answers</button>' in html
    assert '<button type="reset" class="quizgen-reset">Try again</button>' in html
    assert '<p class="quizgen-score" role="status" aria-live="polite" tabindex="-1"></p>' in html
    assert '<a href="#say-who-you-are">Review: Say who you are</a>' in html
    assert "Greeting <strong>callers</strong>" in html
    assert '<h2 id="check-yourself" data-search-exclude>Check yourself' in html
    assert html.startswith('<div class="quizgen" data-search-exclude>')


def test_feedback_and_explanations_start_hidden() -> None:
    tree = parsed(render())
    for _, attrs in tree.tags:
        classes = (attrs.get("class") or "").split()
        if {"quizgen-result", "quizgen-option-feedback", "quizgen-feedback", "quizgen-accepted"} & set(classes):
            assert "hidden" in attrs, attrs


def test_heading_text_and_id_can_change() -> None:
    html = render(heading="Quiz <time>", heading_id="check-yourself-1")
    assert '<h2 id="check-yourself-1" data-search-exclude>Quiz &lt;time&gt;' in html


def test_runtime_data_has_only_what_scoring_needs() -> None:
    bank = parse_bank(BANK.encode(), "x").bank
    assert runtime_data(bank, "m/l") == {
        "id": "m/l",
        "passMark": 80,
        "mode": "practice",
        "questions": [
            {
                "id": "greet-first",
                "type": "single",
                "points": 1,
                "lists": [{"key": "options", "size": 2}],
                "options": 2,
                "correct": [1],
            },
            {
                "id": "greet-habits",
                "type": "multiple",
                "points": 2,
                "lists": [{"key": "options", "size": 3}],
                "options": 3,
                "correct": [0, 1],
            },
            {"id": "greet-rings", "type": "true_false", "points": 1, "answer": False},
            {"id": "greet-smile", "type": "fill_blank", "points": 1, "answers": ["smile"]},
        ],
    }


def test_json_cannot_close_its_script_element() -> None:
    text = json_for_script({"a": "</script><script>alert(1)</script><!--"})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script><!--"}


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="https://example.org"></iframe>',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_in_a_bank_can_run(text: str) -> None:
    for renderer in (inline, block):
        assert_inert(renderer(text))


def test_raw_html_is_shown_as_text() -> None:
    assert inline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert block("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


def test_safe_links_survive() -> None:
    assert inline("[intranet](https://intranet.example/x)") == (
        '<a href="https://intranet.example/x" rel="noopener noreferrer">intranet</a>'
    )
    assert inline("[lesson](#say-who-you-are)") == '<a href="#say-who-you-are">lesson</a>'
    assert inline("[mail](mailto:help@example.org)") == '<a href="mailto:help@example.org">mail</a>'


def test_block_markdown_in_explanations() -> None:
    assert block("First.\n\n- one\n- two") == "<p>First.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_inline_text_never_makes_blocks() -> None:
    # Text inside <legend> and <label> must stay phrasing content.
    assert inline("# not a heading") == "# not a heading"
    assert inline("1. not a list") == "1. not a list"


def test_a_hostile_bank_renders_inert() -> None:
    hostile = BANK.replace("prompt: Five rings is fine.", 'prompt: "<script>alert(1)</script> rings"')
    hostile = hostile.replace("- text: Hello?", "- text: '<img src=x onerror=alert(1)>'")
    hostile = hostile.replace(
        "explanation: A greeting tells callers they reached the right place.",
        'explanation: "[x](javascript:alert(1)) A greeting"',
    )
    html = render(hostile)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; rings" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html


PIECES = [
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>",
    "javascript:",
    "JaVaScRiPt:",
    "data:text/html,",
    "vbscript:",
    "&#106;avascript:",
    "&#x6A;",
    "\t",
    "\n",
    "\n\n",
    "[",
    "]",
    "(",
    ")",
    "![",
    "<",
    ">",
    "`",
    "*",
    "_",
    "<svg onload=x>",
    "<iframe>",
    '"',
    "'",
    "=",
    "http://x",
    "#",
    "- ",
    "1. ",
    "    ",
    "<!--",
    "-->",
    "<style>",
    "%0a",
    "\x00",
    "\u2028",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_no_combination_of_markup_can_run(text: str) -> None:
    for renderer in (inline, block):
        assert_inert(renderer(text))


SAMPLE = list("ab Z9 .,;:?!'\"()/%$\u00a3\u2013\u2014\u00e9\t-+*#>1)[]`_\\&<=|{}~^@")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(SAMPLE), max_size=30))
def test_the_plain_text_shortcut_renders_as_markdown_would(text: str) -> None:
    for renderer in (inline, block):
        assert renderer(text) == renderer.markdown(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "Say your number slowly, and say it ____.",
        "a_b and c",
        "____ first",
        "x ______ y",
        "x _______ y",
        "___",
        "__ a __",
        "_a_ b",
        "- ____",
    ],
)
def test_a_blank_or_an_underscore_renders_as_markdown_would(text: str) -> None:
    for renderer in (inline, block):
        assert renderer(text) == renderer.markdown(text), repr(text)


@pytest.mark.parametrize("bank_file", ["kinds.yml", "exam.yml", "pool.yml"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_a_quiz_packed_and_unpacked_renders_as_from_its_bank(bank_file: str, language: str) -> None:
    """A build keeps each quiz's markup packed from loading to its page: every kind, setting and word
    (in the language it was rendered in) comes back as rendered from the bank."""
    path = Path(__file__).parent / "fixtures/kinds/quizzes/module" / bank_file
    bank = parse_bank(path.read_bytes(), bank_file).bank
    t = messages_for(language)
    anchors = {"greetings": "Greetings", "counting": None, "put-a-caller-on-hold": "On hold"}
    markup = QuizMarkup.unpacked(QuizMarkup(bank, t).packed())
    assert markup.t is t
    packed = quiz_html(markup, "module/x", anchors, heading="Check", heading_id="check")
    assert packed == render_quiz(bank, "module/x", anchors=anchors, heading="Check", heading_id="check", t=t)
    assert packed.count('class="quizgen-question"') == len(bank.questions) > 0
    assert ("Greetings" in packed) == ("#greetings" in packed)
