"""Loading and validating one bank: every mistake is reported with file, line,
column and a fix, and never as a traceback."""

from __future__ import annotations

import textwrap

import pytest
from conftest import problems_of

from quizgen.load import parse_bank
from quizgen.model import FillBlankQuestion, MultipleQuestion, SingleQuestion, TrueFalseQuestion

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
    assert "YAML syntax error" in only("title: !!python/object/apply:os.system 'echo hi'\nquestions: [1]\n")
    assert only("title: !!python/object/apply:os.system ['echo hi']\nquestions: [1]\n").startswith(
        "quizzes/bank.yml:1:8: error: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    )
