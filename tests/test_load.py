"""Loading and validating one bank: every mistake is reported with file, line,
column and a fix, and never as a traceback."""

from __future__ import annotations

import functools
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from conftest import BILLION_LAUGHS, ROOT, problems_of

from quizgen import yaml_source
from quizgen.load import load_bank, parse_bank
from quizgen.model import FillBlankQuestion, MultipleQuestion, SingleQuestion, TrueFalseQuestion
from quizgen.problems import QuizgenError
from quizgen.yaml_source import MAX_BYTES, MAX_DEPTH, MAX_TEXT, MAX_VALUES

GOOD = textwrap.dedent(
    """\
    title: Taking a message
    pass_mark: 75
    questions:
      - id: message-essentials
        type: multiple
        prompt: Which details belong on every message you take?
        options:
          - text: The caller's number, with area code
            correct: true
          - text: Why your colleague is out today
            feedback: Keep a colleague's whereabouts private.
        explanation: A message is only useful if the colleague can call back.
        see: "#what-to-write-down"
        points: 2
      - id: hold-is-a-choice
        type: true_false
        prompt: You may put a caller on hold without asking.
        answer: false
      - id: callback-number
        type: fill_blank
        prompt: Always ask the caller to ____ their name.
        answers: [spell, "spell out", 4]
      - id: greeting
        type: single
        prompt: What comes first?
        options:
          - text: Your name
            correct: true
          - text: "No: nothing"
    """
)


def only(text: str, file: str = "quizzes/bank.yml") -> str:
    """The one problem reported for ``text``, formatted."""
    problems = problems_of(text, file)
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0].format()


def test_a_good_bank_loads_into_typed_questions() -> None:
    loaded = parse_bank(GOOD.encode(), "quizzes/bank.yml")
    bank = loaded.bank
    assert bank.title == "Taking a message"
    assert bank.pass_mark == 75
    kinds = [type(q) for q in bank.questions]
    assert kinds == [MultipleQuestion, TrueFalseQuestion, FillBlankQuestion, SingleQuestion]
    multiple = bank.questions[0]
    assert isinstance(multiple, MultipleQuestion)
    assert multiple.points == 2 and multiple.see == "#what-to-write-down"
    assert multiple.options[1].feedback == "Keep a colleague's whereabouts private."
    fill = bank.questions[2]
    assert isinstance(fill, FillBlankQuestion)
    assert fill.answers == ["spell", "spell out", "4"]  # a number is accepted as text
    assert bank.max_points == 5
    assert loaded.source.value(("questions", 1, "answer")).line == 18


def test_defaults() -> None:
    bank = parse_bank("title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: true}\n", "b").bank
    assert bank.pass_mark == 80
    assert bank.questions[0].points == 1


def test_yaml_syntax_error_names_line_and_hint() -> None:
    text = GOOD.replace("prompt: What comes first?", "prompt: Note: what comes first?")
    message = only(text)
    assert message.startswith("quizzes/bank.yml:25:17: error: YAML syntax error: mapping values are not allowed")
    assert message.endswith("(text that contains ': ' must be put in quotes)")


def test_yaml_bad_indentation() -> None:
    message = only("title: T\nquestions:\n  - id: a\n   type: single\n")
    assert message.startswith("quizzes/bank.yml:4:") and "YAML syntax error" in message


def test_tabs_are_explained() -> None:
    assert "indent with spaces, not tabs" in only("title: T\nquestions:\n\t- id: a\n")


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert only(text) == (
        "quizzes/bank.yml:1:1: error: the file is empty "
        "(start with 'title:' and a 'questions:' list; see the README for an example bank)"
    )


def test_bytes_that_are_not_utf8() -> None:
    raw = b"title: T\nquestions:\n  - id: a\n    prompt: caf" + b"\xe9\n"
    assert only(raw) == (  # type: ignore[arg-type]
        "quizzes/bank.yml:4:16: error: the file is not valid UTF-8 text (byte 0xe9 cannot be read) "
        "(save the file with UTF-8 encoding in your editor)"
    )


def test_a_utf8_byte_order_mark_is_fine() -> None:
    assert problems_of(b"\xef\xbb\xbf" + GOOD.encode()) == []


def test_control_characters_are_reported() -> None:
    assert "control character" in only("title: T\x07\nquestions: []\n")


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_top_level_must_be_a_mapping(text: str) -> None:
    message = only(text)
    assert message.startswith("quizzes/bank.yml:1:1: error: a question bank must be a set of 'key: value' lines")


def test_questions_must_be_a_list() -> None:
    assert only("title: T\nquestions: all of them\n") == (
        "quizzes/bank.yml:2:12: error: 'questions' must be a list (write each item on its own line starting with '- ')"
    )


def test_questions_must_not_be_empty() -> None:
    assert only("title: T\nquestions: []\n").startswith("quizzes/bank.yml:2:12: error: 'questions' must not be empty")


def test_questions_missing() -> None:
    assert only("title: T\n") == (
        "quizzes/bank.yml:1:1: error: the bank is missing 'questions' "
        "(add a 'questions:' list; each item starts with '- id: ...')"
    )


def test_unknown_type_suggests_the_closest() -> None:
    assert only(GOOD.replace("type: single", "type: singel")) == (
        "quizzes/bank.yml:24:11: error: unknown question type 'singel' "
        "(did you mean 'single'? use one of: single, multiple, true_false, fill_blank, ordering, matching, scenario)"
    )


def test_missing_type() -> None:
    assert only(GOOD.replace("  - id: greeting\n    type: single\n", "  - id: greeting\n")).startswith(
        "quizzes/bank.yml:23:5: error: question 4 has no 'type'"
    )


def test_unknown_key_suggests_the_closest() -> None:
    problems = problems_of(GOOD.replace("prompt: What comes first?", "promt: What comes first?"))
    messages = [p.format() for p in problems]
    assert (
        "quizzes/bank.yml:25:5: error: unknown key 'promt' (did you mean 'prompt'? keys allowed here: "
        "id, prompt, explanation, see, hints, hint_penalty, shuffle_options, options, points, type)"
    ) in messages
    assert "quizzes/bank.yml:23:5: error: question 4 is missing 'prompt' " in messages[0] + " "


def test_unknown_key_in_an_option_and_at_the_top() -> None:
    problems = problems_of(
        GOOD.replace("correct: true\n      - text: Why", "corect: true\n      - text: Why").replace(
            "pass_mark: 75", "passmark: 75"
        )
    )
    messages = [p.format() for p in problems]
    assert any("2:1: error: unknown key 'passmark' (did you mean 'pass_mark'?" in m for m in messages)
    assert any(":9:9: error: unknown key 'corect' (did you mean 'correct'?" in m for m in messages)


@pytest.mark.parametrize(
    ("remove", "line", "message"),
    [
        ("    prompt: What comes first?\n", 23, "question 4 is missing 'prompt'"),
        ("    answer: false\n", 15, "question 2 is missing 'answer' (add 'answer: true' or 'answer: false')"),
        ('    answers: [spell, "spell out", 4]\n', 19, "question 3 is missing 'answers'"),
        ("title: Taking a message\n", 1, "the bank is missing 'title'"),
    ],
)
def test_missing_keys(remove: str, line: int, message: str) -> None:
    assert remove in GOOD
    reported = only(GOOD.replace(remove, ""))
    assert reported.startswith(f"quizzes/bank.yml:{line}:") and message in reported


def test_missing_id() -> None:
    assert only(GOOD.replace("- id: greeting\n    type: single", "- type: single")).startswith(
        "quizzes/bank.yml:23:5: error: question 4 is missing 'id' (add 'id: ...'"
    )


def test_missing_options() -> None:
    text = GOOD.split("  - id: greeting")[0] + "  - id: greeting\n    type: single\n    prompt: What?\n"
    assert only(text) == (
        "quizzes/bank.yml:23:5: error: question 4 is missing 'options' (add an 'options:' list of at "
        "least two items, each '- text: ...', marking right ones 'correct: true')"
    )


def test_single_with_no_correct_option() -> None:
    text = GOOD.replace("      - text: Your name\n        correct: true\n", "      - text: Your name\n")
    assert only(text) == (
        "quizzes/bank.yml:27:7: error: a single-choice question needs exactly one correct option, but none is "
        "marked correct (mark one option with 'correct: true')"
    )


def test_single_with_several_correct_options() -> None:
    text = GOOD.replace('      - text: "No: nothing"\n', '      - text: "No: nothing"\n        correct: true\n')
    assert only(text) == (
        "quizzes/bank.yml:27:7: error: a single-choice question needs exactly one correct option, but options "
        "1 and 2 are all marked correct (keep 'correct: true' on one option, or change 'type' to 'multiple')"
    )


def test_multiple_with_none_correct() -> None:
    text = GOOD.replace("            correct: true\n          - text: Why", "          - text: Why")
    text = GOOD.replace("        correct: true\n      - text: Why", "      - text: Why")
    assert only(text) == (
        "quizzes/bank.yml:8:7: error: a multiple-choice question needs at least one correct option "
        "(mark each right option with 'correct: true')"
    )


def test_fewer_than_two_options() -> None:
    text = GOOD.replace('      - text: "No: nothing"\n', "")
    assert only(text) == (
        "quizzes/bank.yml:27:7: error: question 4 has 1 option; a choice question needs at least 2 "
        "(add options, or use type 'true_false' or 'fill_blank')"
    )


def test_duplicate_id_in_one_bank() -> None:
    from quizgen.course import duplicate_ids

    loaded = parse_bank(GOOD.replace("id: greeting", "id: hold-is-a-choice").encode(), "quizzes/bank.yml")
    assert [p.format() for p in duplicate_ids([loaded])] == [
        "quizzes/bank.yml:23:9: error: the id 'hold-is-a-choice' is already used (line 15) "
        "(give each question an id of its own)"
    ]


def test_duplicate_id_across_banks_names_both_places() -> None:
    from quizgen.course import duplicate_ids

    first = parse_bank(GOOD.encode(), "quizzes/a.yml")
    renamed = GOOD.replace("id: message-essentials", "id: other").replace("id: greeting", "id: other-2")
    second = parse_bank(renamed.encode(), "quizzes/b.yml")
    messages = [p.format() for p in duplicate_ids([first, second])]
    assert messages == [
        "quizzes/b.yml:15:9: error: the id 'hold-is-a-choice' is already used (quizzes/a.yml:15) "
        "(give each question an id of its own)",
        "quizzes/b.yml:19:9: error: the id 'callback-number' is already used (quizzes/a.yml:19) "
        "(give each question an id of its own)",
    ]


@pytest.mark.parametrize("value", ['"false"', "maybe", "0", "no answer"])
def test_true_false_answer_must_be_boolean(value: str) -> None:
    message = only(GOOD.replace("answer: false", f"answer: {value}"))
    assert message.startswith("quizzes/bank.yml:18:13: error: 'answer' of question 2 must be true or false")
    assert message.endswith("(write true or false without quotes)")


def test_yaml_yes_is_a_boolean_answer() -> None:
    # YAML 1.1 reads yes/no as booleans: an author writing "answer: no" means false.
    loaded = parse_bank(GOOD.replace("answer: false", "answer: no").encode(), "b")
    question = loaded.bank.questions[1]
    assert isinstance(question, TrueFalseQuestion) and question.answer is False


@pytest.mark.parametrize("answers", ["[]", '[""]', '["  "]'])
def test_fill_blank_needs_answers(answers: str) -> None:
    message = only(GOOD.replace('answers: [spell, "spell out", 4]', f"answers: {answers}"))
    assert message.startswith("quizzes/bank.yml:22:")
    assert "must not be empty" in message or "accepted answer is empty" in message


@pytest.mark.parametrize("mark", ["-1", "100.5", "250"])
def test_pass_mark_out_of_range(mark: str) -> None:
    assert only(GOOD.replace("pass_mark: 75", f"pass_mark: {mark}")) == (
        f"quizzes/bank.yml:2:12: error: pass_mark must be between 0 and 100, not {mark} (it is a percentage, e.g. 80)"
    )


def test_pass_mark_must_be_a_number() -> None:
    assert only(GOOD.replace("pass_mark: 75", "pass_mark: eighty")).startswith(
        "quizzes/bank.yml:2:12: error: 'pass_mark' must be a number"
    )


@pytest.mark.parametrize("points", ["0", "-2"])
def test_points_must_be_positive(points: str) -> None:
    assert only(GOOD.replace("points: 2", f"points: {points}")) == (
        f"quizzes/bank.yml:14:13: error: 'points' of question 1 must be a whole number above 0, not {points} "
        "(use 1 or more, or remove it)"
    )


def test_points_must_be_whole() -> None:
    assert only(GOOD.replace("points: 2", "points: 1.5")).startswith(
        "quizzes/bank.yml:14:13: error: 'points' of question 1 must be a whole number"
    )


def test_see_must_be_an_anchor() -> None:
    assert only(GOOD.replace('see: "#what-to-write-down"', "see: what-to-write-down")).startswith(
        "quizzes/bank.yml:13:10: error: 'see' must be a heading anchor of the lesson"
    )


def test_id_must_be_kebab_case() -> None:
    assert only(GOOD.replace("id: greeting", "id: Greeting Callers")) == (
        "quizzes/bank.yml:23:9: error: the id 'Greeting Callers' is not lowercase words joined by hyphens "
        "(for example 'greeting-callers')"
    )


def test_yes_as_text_gets_a_quoting_hint() -> None:
    assert only(GOOD.replace('text: "No: nothing"', "text: No")) == (
        "quizzes/bank.yml:29:15: error: 'text' of option 2 of question 4 must be text "
        "(YAML reads yes/no/on/off/true/false as true or false: put the text in quotes)"
    )


def test_prompt_must_be_one_paragraph() -> None:
    text = GOOD.replace("prompt: What comes first?", "prompt: |\n      What comes\n\n      first?")
    assert only(text).startswith("quizzes/bank.yml:25:13: error: prompt must be a single paragraph")


def test_duplicate_keys_are_reported() -> None:
    assert only(GOOD.replace("pass_mark: 75", "pass_mark: 75\npass_mark: 70")) == (
        "quizzes/bank.yml:3:1: error: the key 'pass_mark' appears twice here (first on line 2) (keep one of them)"
    )


def test_every_problem_in_a_bank_is_reported_at_once() -> None:
    text = GOOD.replace("pass_mark: 75", "pass_mark: 120").replace("points: 2", "points: 0")
    text = text.replace("answer: false", "answer: maybe")
    assert [p.line for p in problems_of(text)] == [2, 14, 18]


def test_several_documents_are_refused() -> None:
    assert "more than one YAML document" in only(GOOD + "---\ntitle: again\n")


def test_python_tags_are_refused_safely() -> None:
    assert only("title: !!python/object/apply:os.system 'echo hi'\nquestions: [1]\n") == (
        "quizzes/bank.yml:1:8: error: the YAML tag '!!python/object/apply:os.system' is not allowed "
        "(remove the tag; text that starts with '!' must be put in quotes)"
    )
    assert only("title: !!python/object/apply:os.system ['echo hi']\nquestions: [1]\n").startswith(
        "quizzes/bank.yml:1:8: error: the YAML tag '!!python/object/apply:os.system' is not allowed"
    )


# --- anchors, aliases, merge keys and tags ---------------------------------------

ALIASED = textwrap.dedent(
    """\
    title: Repeated options
    questions:
      - id: first-choice
        type: single
        prompt: Which greeting is best?
        options: &greetings
          - text: Name and organisation
            correct: true
          - text: Hello?
            feedback: Callers cannot tell whom they reached.
      - id: second-choice
        type: single
        prompt: Which greeting would you use on a busy morning?
        options: *greetings
      - &statement
        id: hold-first
        type: true_false
        prompt: You may put a caller on hold without asking.
        answer: false
        feedback: Holding is the caller's choice.
      - <<: *statement
        id: hold-second
        prompt: You may transfer a caller without asking.
    """
)


def test_an_alias_repeats_a_value_and_a_merge_key_a_mapping() -> None:
    loaded = parse_bank(ALIASED.encode(), "quizzes/bank.yml")
    first, second, statement, merged = loaded.bank.questions
    assert isinstance(first, SingleQuestion) and isinstance(second, SingleQuestion)
    assert second.options == first.options
    assert isinstance(merged, TrueFalseQuestion) and isinstance(statement, TrueFalseQuestion)
    # the mapping's own keys win over the merged ones; the rest comes from the anchored question
    assert (merged.id, merged.prompt) == ("hold-second", "You may transfer a caller without asking.")
    assert (merged.answer, merged.feedback) == (False, "Holding is the caller's choice.")


def test_positions_under_an_alias_or_a_merge_key_are_where_the_text_is_written() -> None:
    source = parse_bank(ALIASED.encode(), "quizzes/bank.yml").source
    assert source.value(("questions", 1, "options")) == (14, 14)  # the alias itself
    assert source.key(("questions", 1, "options")) == (14, 5)
    assert source.value(("questions", 1, "options", 1, "text")) == (9, 15)  # inside it: the anchored list
    assert source.key(("questions", 1, "options", 1, "feedback")) == (10, 9)
    assert source.value(("questions", 3, "prompt")) == (23, 13)  # the question's own key
    assert source.value(("questions", 3, "answer")) == (19, 13)  # merged: where the anchored question has it
    assert source.key(("questions", 3, "feedback")) == (20, 5)
    assert source.value(("questions", 3, "answer", "missing")) == (19, 13)


def test_a_mistake_inside_an_alias_is_reported_where_it_is_written() -> None:
    problems = problems_of(ALIASED.replace("- text: Hello?", "- text: No").replace("answer: false", "answer: maybe"))
    assert [p.format() for p in problems] == [
        "quizzes/bank.yml:9:15: error: 'text' of option 2 of question 1 must be text "
        "(YAML reads yes/no/on/off/true/false as true or false: put the text in quotes)",
        "quizzes/bank.yml:9:15: error: 'text' of option 2 of question 2 must be text "
        "(YAML reads yes/no/on/off/true/false as true or false: put the text in quotes)",
        "quizzes/bank.yml:19:13: error: 'answer' of question 3 must be true or false, not 'maybe' "
        "(write true or false without quotes)",
        "quizzes/bank.yml:19:13: error: 'answer' of question 4 must be true or false, not 'maybe' "
        "(write true or false without quotes)",
    ]
    overridden = ALIASED.replace("    prompt: You may transfer", "    answer: perhaps\n    prompt: You may transfer")
    assert only(overridden).startswith("quizzes/bank.yml:23:13: error: 'answer' of question 4 must be true or false")


def test_merge_keys_merge_mappings_in_the_order_listed() -> None:
    text = textwrap.dedent(
        """\
        title: T
        questions:
          - &defaults
            id: first
            type: true_false
            prompt: The first statement.
            answer: true
            feedback: Default.
          - &strict {id: second, type: true_false, prompt: The second statement., answer: false, points: 2}
          - <<: [*strict, *defaults]
            id: merged-twice
            prompt: Merged from two questions.
          - <<: {type: true_false, answer: true}
            id: merged-inline
            prompt: Merged from a mapping written in place.
        """
    )
    loaded = parse_bank(text.encode(), "b")
    merged, inline = loaded.bank.questions[2:]
    assert isinstance(merged, TrueFalseQuestion) and isinstance(inline, TrueFalseQuestion)
    assert (merged.answer, merged.points, merged.feedback) == (False, 2, "Default.")  # the first listed wins
    assert inline.answer is True
    assert loaded.source.value(("questions", 2, "answer")) == (9, 83)
    assert loaded.source.value(("questions", 2, "feedback")) == (8, 15)
    assert loaded.source.key(("questions", 2, "feedback")) == (8, 5)
    assert loaded.source.value(("questions", 3, "answer")) == (13, 36)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nquestions:\n  - <<: 5\n",
            "quizzes/bank.yml:3:9: error: '<<' (merge) must be followed by a mapping to merge in",
        ),
        (
            "a: &a {x: 1}\ntitle: T\nquestions:\n  - <<: *a\n    <<: *a\n",
            "quizzes/bank.yml:5:5: error: the key '<<' appears twice here (first on line 4)",
        ),
        (
            "title: *name\nquestions: [1]\n",
            "quizzes/bank.yml:1:8: error: the alias '*name' has no anchor '&name' before it (name a value with "
            "'&name' before writing '*name'; text that starts with '*' or '&' must be put in quotes)",
        ),
        (
            "title: T\nquestions: &loop [*loop]\n",
            "quizzes/bank.yml:2:19: error: the alias '*loop' is inside the value it stands for",
        ),
        (
            "title: &a T\nquestions: &a [1]\n",
            "quizzes/bank.yml:2:12: error: the anchor '&a' is used twice (give each anchored value a name of its own)",
        ),
        ("? [a, b]\n: 1\ntitle: T\n", "quizzes/bank.yml:1:3: error: a key must be a name, not a list"),
        ("~: 1\ntitle: T\n", "quizzes/bank.yml:1:1: error: a key must be a name, not empty"),
        ("title: T\nyes: 1\n", "quizzes/bank.yml:2:1: error: a key must be a name, not true"),
        ("title: T\n12: 1\n", "quizzes/bank.yml:2:1: error: a key must be a name, not 12"),
    ],
)
def test_alias_anchor_merge_and_key_mistakes(text: str, expected: str) -> None:
    assert only(text).startswith(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!foo bar", "1:8: error: the YAML tag '!foo' is not allowed (remove the tag; text that starts with '!'"),
        ("!foo {a: 1}", "1:8: error: the YAML tag '!foo' is not allowed (remove the tag)"),
        ("!!binary aGVsbG8=", "1:8: error: the YAML tag '!!binary' is not allowed"),
        ("!!timestamp 2024-01-01", "1:8: error: the YAML tag '!!timestamp' is not allowed"),
        ("!!set {a, b}", "1:8: error: the YAML tag '!!set' is not allowed"),
        ("!!omap [a: 1]", "1:8: error: the YAML tag '!!omap' is not allowed"),
        ("!!python/name:os.system x", "1:8: error: the YAML tag '!!python/name:os.system' is not allowed"),
        ("!<tag:example.com,2024:x> y", "1:8: error: the YAML tag 'tag:example.com,2024:x' is not allowed"),
        ("!!int abc", "1:8: error: 'abc' cannot be read as a whole number (remove the tag '!!int' or correct"),
        ("!!float abc", "1:8: error: 'abc' cannot be read as a number"),
        ("!!bool maybe", "1:8: error: 'maybe' cannot be read as true or false"),
        ("2024-13-45", "1:8: error: '2024-13-45' cannot be read as a date (put it in quotes if it is text)"),
        ("9" * 5000, "1:8: error: '9999999999999999999999999999999999999...' cannot be read as a whole number"),
    ],
)
def test_tags_and_values_yaml_cannot_read_are_problems(value: str, expected: str) -> None:
    assert only(f"title: {value}\nquestions: [1]\n").startswith(f"quizzes/bank.yml:{expected}")


def test_the_plain_tags_only_say_how_to_read_a_value() -> None:
    text = GOOD.replace("title: Taking a message", "title: !!str 2024").replace(
        "pass_mark: 75", 'pass_mark: !!int "75"'
    )
    bank = parse_bank(text.replace("answer: false", "answer: !!bool false").encode(), "b").bank
    assert (bank.title, bank.pass_mark) == ("2024", 75)
    assert parse_bank(GOOD.replace("title: Taking a message", "title: ! 12").encode(), "b").bank.title == "12"


# --- hostile and oversized banks: refused at once, never expanded ------------------------


def refusal(text: str | bytes) -> tuple[str, float]:
    """The one problem a bank is refused with, and the seconds of processor time that took
    (not of the clock: the machine may be busy with other work)."""
    start = time.process_time()
    problems = problems_of(text)
    seconds = time.process_time() - start
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0].format(), seconds


def peak_memory(text: str | bytes) -> int:
    """The most memory (bytes) Python allocated while the bank was read."""
    tracemalloc.start()
    try:
        problems_of(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_alias_bomb_is_refused_at_once_without_being_expanded() -> None:
    message, seconds = refusal(BILLION_LAUGHS.read_bytes())
    assert message == (
        "quizzes/bank.yml:10:12: error: with every alias written out in full, this bank would hold more than "
        f"{MAX_VALUES:,} values: the alias '*e' here passes that limit (aliases of aliases multiply, an 'alias "
        "bomb': write the values out, or repeat a value with an alias a few times at most)"
    )
    assert seconds < 1 and peak_memory(BILLION_LAUGHS.read_bytes()) < 2_000_000


def test_a_bomb_of_merge_keys_is_refused() -> None:
    text = "a0: &a0 {x: 1}\n" + "".join(f"a{n}: &a{n}\n  <<: [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10))
    message, seconds = refusal(text + "title: T\n")
    assert message.startswith("quizzes/bank.yml:11:") and "the alias '*a4' here passes that limit" in message
    assert seconds < 1 and peak_memory(text) < 2_000_000


def test_a_long_text_repeated_by_aliases_is_refused() -> None:
    text = f"long: &long '{'x' * 100_000}'\ntitle: T\nquestions: [{', '.join(['*long'] * 30)}]\n"
    message, _ = refusal(text)
    assert message.startswith(  # the 19th alias passes 2,000,000 characters
        f"quizzes/bank.yml:3:{len('questions: [') + 1 + 18 * len('*long, ')}: error: with every alias written out "
        f"in full, this bank would hold more than {MAX_TEXT:,} characters of text: the alias '*long' here"
    )


def test_aliases_within_the_limits_are_fine() -> None:
    text = GOOD.replace('answers: [spell, "spell out", 4]', 'answers: &answers [spell, "spell out", 4]')
    text += "".join(
        f"  - {{id: extra-{n}, type: fill_blank, prompt: Say ____., answers: *answers}}\n" for n in range(500)
    )
    assert len(parse_bank(text.encode(), "b").bank.questions) == 504


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: " + "[" * 60 + "]" * 60 + "\n", 1, 8 + MAX_DEPTH - 1),  # the top mapping is level 1
        ("".join(" " * n + "a:\n" for n in range(60)) + " " * 60 + "a: 1\n", MAX_DEPTH + 1, MAX_DEPTH + 1),
        ("- " * 70 + "x\n", 1, 1 + 2 * MAX_DEPTH),
        ("title: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", 1, 8 + 4 * (MAX_DEPTH - 1)),
    ],
)
def test_deep_nesting_is_refused_where_it_passes_the_limit(text: str, line: int, column: int) -> None:
    message, seconds = refusal(text)
    assert message.startswith(
        f"quizzes/bank.yml:{line}:{column}: error: the lists and mappings here are nested more than {MAX_DEPTH} "
        "levels deep"
    )
    assert seconds < 1


def test_nesting_as_deep_as_the_limit_is_read() -> None:
    deepest = "title: T\nquestions: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"  # the top mapping is 1
    data, _ = yaml_source.parse(deepest, "b")
    assert data["questions"] == functools.reduce(lambda inner, _: [inner], range(MAX_DEPTH - 2), [])
    with pytest.raises(QuizgenError, match=f"nested more than {MAX_DEPTH} levels"):
        yaml_source.parse(deepest.replace("[", "[[", 1).replace("]", "]]", 1), "b")


def test_pure_python_yaml_is_as_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, PyYAML parses in Python: the same limits hold, and nothing recurses."""
    monkeypatch.setattr(yaml_source, "_Loader", yaml.SafeLoader)
    assert "alias '*e' here passes that limit" in refusal(BILLION_LAUGHS.read_bytes())[0]
    assert "nested more than" in refusal("title: " + "[" * 3000 + "]" * 3000 + "\n")[0]
    assert parse_bank(ALIASED.encode(), "b").source.value(("questions", 3, "answer")) == (19, 13)


def test_a_bank_of_too_many_values_is_refused_before_it_is_all_read() -> None:
    message, seconds = refusal("title: T\nquestions: [" + "1," * 990_000 + "1]\n")
    assert message.startswith(f"quizzes/bank.yml:2:{len('questions: [') + 2 * (MAX_VALUES - 5) + 1}: error: ")
    assert f"the bank holds more than {MAX_VALUES:,} values" in message
    assert seconds < 2


def test_a_huge_text_under_the_size_limit_loads() -> None:
    text = GOOD.replace("prompt: What comes first?", f"prompt: What comes first? {'Really. ' * 200_000}")
    assert len(text.encode()) < MAX_BYTES
    start = time.process_time()
    assert len(parse_bank(text.encode(), "b").bank.questions) == 4
    assert time.process_time() - start < 1


def test_a_bank_over_the_size_limit_is_refused() -> None:
    padding = "# " + "x" * (MAX_BYTES - len(GOOD.encode()) - 3) + "\n"
    assert len((GOOD + padding).encode()) == MAX_BYTES
    assert problems_of(GOOD + padding) == []
    assert only(GOOD + padding + "#\n") == (
        "quizzes/bank.yml:1:1: error: the file is 2,000,002 bytes; a question bank may be at most 2,000,000 bytes "
        "(2 MB) (a bank this large "
        "is almost certainly a mistake, such as text pasted in by accident: remove what does not belong, or split "
        "the lesson and its questions in two)"
    )
    with pytest.raises(QuizgenError, match="the file is 2,000,002 bytes"):
        parse_bank(GOOD + padding + "#\n", "quizzes/bank.yml")  # given as text


def test_the_courses_own_banks_stay_far_inside_the_limits() -> None:
    for path in sorted((ROOT / "quizzes").rglob("*.yml")):
        raw = path.read_bytes()
        loader = yaml_source._Loader(raw.decode())
        builder = yaml_source._Builder(loader, path.name)
        builder.document()
        assert len(raw) < MAX_BYTES / 50 and builder.values < MAX_VALUES / 200 and builder.text < MAX_TEXT / 50, path


def test_a_huge_bank_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yml"
    with huge.open("wb") as file:
        file.truncate(50_000_000_000)  # 50 GB, sparse: reading it would take minutes
    start = time.process_time()
    with pytest.raises(QuizgenError) as raised:
        load_bank(huge, "quizzes/huge.yml")
    assert time.process_time() - start < 1
    assert [p.format() for p in raised.value.problems] == [
        "quizzes/huge.yml:1:1: error: the file is 50,000,000,000 bytes; a question bank may be at most "
        "2,000,000 bytes (2 MB) (a bank this "
        "large is almost certainly a mistake, such as text pasted in by accident: remove what does not belong, "
        "or split the lesson and its questions in two)"
    ]
