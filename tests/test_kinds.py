"""Each kind of question, the bank keys around them, attempts and advice: what a
bank may say (every mistake with its file, line and column), how an answer
scores, and what ``quizgen check`` warns about."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import problems_of

from quizgen.advice import question_advice
from quizgen.attempt import mulberry32, plan, shuffled
from quizgen.cli import main
from quizgen.course import Quiz
from quizgen.i18n import ENGLISH
from quizgen.load import parse_bank
from quizgen.model import (
    Bank,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    ScenarioQuestion,
    TrueFalseQuestion,
)
from quizgen.score import score_question, score_quiz

FILE = "quizzes/bank.yml"


def only(text: str) -> str:
    """The one problem reported for ``text``, formatted."""
    problems = problems_of(text, FILE)
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0].format()


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be there, once) replaced."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def bank_of(text: str) -> Bank:
    return parse_bank(text, FILE).bank


def kind(model: type[Any], **data: Any) -> Any:
    """One question of a kind, validated as the loader would."""
    return model.model_validate({"id": "q", "prompt": "Q?", **data})


# --- ordering ----------------------------------------------------------------

ORDERING = textwrap.dedent(
    """\
    title: Transferring a call
    questions:
      - id: transfer-steps
        type: ordering
        prompt: Put the steps of a transfer in order.
        points: 3
        items:
          - Ask who is calling
          - Tell the caller you will transfer them
          - Announce the caller to your colleague
          - Put the call through
    """
)


def test_ordering_bank_loads() -> None:
    question = bank_of(ORDERING).questions[0]
    assert isinstance(question, OrderingQuestion)
    assert question.items[0] == "Ask who is calling" and len(question.items) == 4
    assert question.max_points == 3
    assert question.runtime() == {"items": 4}
    assert "1 for the first and 4 for the last" in question.instruction(ENGLISH)


def test_ordering_needs_two_items() -> None:
    text = edit(ORDERING, "      - Tell the caller you will transfer them\n", "")
    text = edit(text, "      - Announce the caller to your colleague\n", "")
    text = edit(text, "      - Put the call through\n", "")
    assert only(text) == (
        f"{FILE}:8:7: error: question 1 needs at least 2 items, not 1 "
        "(list every step of the sequence, in the right order)"
    )


def test_ordering_with_no_items() -> None:
    text = ORDERING.split("    items:\n")[0] + "    items: []\n"
    assert only(text).startswith(f"{FILE}:7:12: error: question 1 needs at least 2 items, not 0")


@pytest.mark.parametrize("same", ["Ask who is calling", '"  ask WHO is   calling "'])
def test_ordering_duplicate_items_point_at_the_second(same: str) -> None:
    text = edit(ORDERING, "Announce the caller to your colleague", same)
    assert only(text) == (
        f"{FILE}:10:9: error: items 1 and 3 are the same, so their order cannot be marked (make every item different)"
    )


def test_ordering_blank_item_is_refused() -> None:
    assert "error: item 3 is empty" in only(edit(ORDERING, "Announce the caller to your colleague", '"  "'))


def test_ordering_blank_item_points_at_the_item() -> None:
    assert only(edit(ORDERING, "Announce the caller to your colleague", '"  "')).startswith(
        f"{FILE}:10:9: error: item 3 is empty"
    )


ORDER_4 = kind(OrderingQuestion, type="ordering", points=3, items=["a", "b", "c", "d"])


@pytest.mark.parametrize(
    ("response", "points"),
    [
        ([0, 1, 2, 3], 3),  # all right
        ((0, 1, 2, 3), 3),
        ([3, 2, 1, 0], 0),  # reversed
        ([3, 0, 1, 2], 2),  # the first item moved to the end: b c d a
        ([1, 2, 3, 0], 2),  # the last item moved to the start: d a b c
        ([0, 3, 1, 2], 1),  # b moved to the end: a c d b, only c->d stays
        ([0, 1, 3, 2], 1),  # the last two swapped: only a->b
        ([0, 2, 1, 3], 0),  # the middle two swapped: no item is followed by its successor
        ([0, 1], 1),  # too short: the missing items are not placed
        ([0, 1, 2, 3, 4], 3),  # extra positions are ignored
    ],
)
def test_ordering_scores_relative_order(response: Any, points: float) -> None:
    assert ORDER_4.score(response) == pytest.approx(points)


def test_ordering_each_right_successor_earns_points_over_n_minus_1() -> None:
    five = kind(OrderingQuestion, type="ordering", points=2, items=["a", "b", "c", "d", "e"])
    assert five.score([0, 1, 4, 2, 3]) == pytest.approx(2 * 2 / 4)  # a->b and d->e
    assert five.score([0, 1, 2, 3, 4]) == 2
    two = kind(OrderingQuestion, type="ordering", items=["a", "b"])
    assert (two.score([0, 1]), two.score([1, 0])) == (1, 0)


@pytest.mark.parametrize(
    ("response", "points"),
    [
        ([0, 1, 2, 1], 0),  # b and d share position 1: neither is placed, so a->b and b->c do not count
        ([1, 1, 2, 3], 1),  # a and b share 1: only c->d
        ([0, 0, 0, 0], 0),
    ],
)
def test_ordering_shared_positions_place_neither_item(response: list[int], points: float) -> None:
    assert ORDER_4.score(response) == points


@pytest.mark.parametrize(
    ("response", "points"),
    [
        ([0, 1, 2, 4], 2),  # out of range
        ([0, 1, 2, -1], 2),
        ([0, 1, None, 3], 1),
        ([False, True, 2, 3], 1),  # booleans are not positions, though False == 0 and True == 1
        ([0.0, 1, 2, 3], 2),
        (["0", 1, 2, 3], 2),
    ],
)
def test_ordering_invalid_positions_are_not_placed(response: list[Any], points: float) -> None:
    assert ORDER_4.score(response) == points


@pytest.mark.parametrize("response", ["0123", {"0": 0, "1": 1}, {0: 0, 1: 1, 2: 2, 3: 3}, None, 3, [], ["a", "b"]])
def test_ordering_garbage_scores_zero(response: Any) -> None:
    assert ORDER_4.score(response) == 0


# --- matching ----------------------------------------------------------------

MATCHING = textwrap.dedent(
    """\
    title: Routing requests
    questions:
      - id: route-requests
        type: matching
        prompt: Match each request to the team that handles it.
        points: 3
        pairs:
          - left: A lost password
            right: IT desk
          - left: A late payslip
            right: Payroll
          - left: A broken chair
            right: Facilities
        distractors:
          - Reception
          - Legal
    """
)


def test_matching_bank_loads() -> None:
    question = bank_of(MATCHING).questions[0]
    assert isinstance(question, MatchingQuestion)
    assert question.choices == ["IT desk", "Payroll", "Facilities", "Reception", "Legal"]
    assert question.runtime() == {"pairs": 3, "choices": 5}
    assert "Some choices match nothing." in question.instruction(ENGLISH)


def test_matching_needs_two_pairs() -> None:
    text = edit(MATCHING, "      - left: A late payslip\n        right: Payroll\n", "")
    text = edit(text, "      - left: A broken chair\n        right: Facilities\n", "")
    assert only(text) == (
        f"{FILE}:8:7: error: question 1 needs at least 2 pairs, not 1 (add pairs; one pair is nothing to match)"
    )


@pytest.mark.parametrize(
    ("old", "new", "where", "shown"),
    [
        ("right: Payroll", "right: ' it  DESK '", "11:16", "it DESK"),  # case and spaces do not count
        ("right: Facilities", "right: Payroll", "13:16", "Payroll"),
        ("- Reception", "- payroll", "15:9", "payroll"),  # a distractor the same as a pair's match
        ("- Legal", "- RECEPTION", "16:9", "RECEPTION"),  # two distractors
    ],
)
def test_matching_duplicate_right_hand_points_at_the_second(old: str, new: str, where: str, shown: str) -> None:
    assert only(edit(MATCHING, old, new)) == (
        f"{FILE}:{where}: error: two right-hand texts are the same ('{shown}'), so a learner cannot tell them "
        "apart (make each one different, or drop the distractor)"
    )


@pytest.mark.parametrize("same", ["a LOST password", '"**A lost password**"'])
def test_matching_duplicate_left_hand_points_at_the_second(same: str) -> None:
    message = only(edit(MATCHING, "left: A broken chair", f"left: {same}"))
    assert message.startswith(f"{FILE}:12:15: error: two left-hand texts are the same (")
    assert message.endswith("so a learner cannot tell them apart (make each one different)")


def test_matching_pair_missing_left() -> None:
    text = edit(MATCHING, "      - left: A late payslip\n        right: Payroll\n", "      - right: Payroll\n")
    assert only(text) == (
        f"{FILE}:10:9: error: pair 2 of question 1 is missing 'left' (add 'left: ...', the item the learner matches)"
    )


def test_matching_pair_missing_right() -> None:
    assert only(edit(MATCHING, "        right: Payroll\n", "")) == (
        f"{FILE}:10:9: error: pair 2 of question 1 is missing 'right' (add 'right: ...', the item's match)"
    )


def test_matching_blank_text() -> None:
    assert only(edit(MATCHING, "right: Payroll", "right: ''")) == (
        f"{FILE}:11:16: error: text is empty (write the text after the colon)"
    )


def test_matching_blank_distractor_is_refused() -> None:
    assert only(edit(MATCHING, "- Legal", '- "  "')).startswith(f"{FILE}:16:9: error:")


MATCH_3 = kind(
    MatchingQuestion,
    type="matching",
    points=3,
    pairs=[{"left": "a", "right": "1"}, {"left": "b", "right": "2"}, {"left": "c", "right": "3"}],
    distractors=["4", "5"],
)


@pytest.mark.parametrize(
    ("response", "points"),
    [
        ([0, 1, 2], 3),
        ((0, 1, 2), 3),
        ([0, 2, 1], 1),
        ([1, 2, 0], 0),
        ([0, 1, 4], 2),  # a distractor matches nothing
        ([3, 4, 3], 0),
        ([None, 1, 2], 2),
        ([0], 1),
        ([0, 1, 2, 3], 3),
        ([False, 1, 2], 2),  # False == 0, but a boolean is not a choice
        ([0.0, 1, 2], 2),
        (["0", "1", "2"], 0),
    ],
)
def test_matching_scores_the_share_of_pairs_matched(response: Any, points: float) -> None:
    assert MATCH_3.score(response) == pytest.approx(points)


@pytest.mark.parametrize("response", ["012", {0: 0, 1: 1, 2: 2}, None, 0, []])
def test_matching_garbage_scores_zero(response: Any) -> None:
    assert MATCH_3.score(response) == 0


# --- scenario ----------------------------------------------------------------

SCENARIO = textwrap.dedent(
    """\
    title: Taking a call
    questions:
      - id: call-for-sam
        type: scenario
        prompt: Take the call for Sam, who is out.
        start: open
        steps:
          open:
            caller: Hello, is Sam there?
            choices:
              - text: Sam is out today; may I take a message?
                points: 2
                goto: message
              - text: No.
                goto: end
          message:
            caller: Yes, please tell Sam I called.
            choices:
              - text: Of course. Could I have your number?
                points: 1
                goto: end
    """
)


def test_scenario_bank_loads_and_is_worth_its_best_path() -> None:
    question = bank_of(SCENARIO).questions[0]
    assert isinstance(question, ScenarioQuestion)
    assert list(question.steps) == ["open", "message"]
    assert question.max_points == 3
    assert question.best_path() == [("open", 0), ("message", 0)]
    assert question.runtime() == {
        "start": "open",
        "steps": {"open": [["message", 2], ["end", 0]], "message": [["end", 1]]},
    }


def test_scenario_start_names_no_step_suggests_the_closest() -> None:
    assert only(edit(SCENARIO, "start: open", "start: opne")) == (
        f"{FILE}:6:12: error: 'start' names no step: 'opne' (did you mean 'open'?)"
    )


def test_scenario_start_names_no_step_lists_the_steps() -> None:
    assert only(edit(SCENARIO, "start: open", "start: zzzz")) == (
        f"{FILE}:6:12: error: 'start' names no step: 'zzzz' (name one of the steps: open, message)"
    )


def test_scenario_goto_names_no_step() -> None:
    assert only(edit(SCENARIO, "goto: message", "goto: mesage")) == (
        f"{FILE}:13:19: error: reply 1 of step 'open' goes to 'mesage', which is not a step "
        "(did you mean 'message'? Use 'end' to finish the call)"
    )
    assert only(edit(SCENARIO, "goto: end\n      message:", "goto: zzzz\n      message:")) == (
        f"{FILE}:15:19: error: reply 2 of step 'open' goes to 'zzzz', which is not a step "
        "(name one of the steps: open, message, or 'end' to finish the call)"
    )


@pytest.mark.parametrize("back_to", ["open", "message"])
def test_scenario_cycle_points_at_the_goto_that_goes_back(back_to: str) -> None:
    text = edit(SCENARIO, "points: 1\n            goto: end", f"points: 1\n            goto: {back_to}")
    assert only(text) == (
        f"{FILE}:21:19: error: reply 1 of step 'message' goes back to '{back_to}', an earlier step, so the call "
        "could go round for ever (a call only moves forward: point it to a later step, or to 'end')"
    )


DIAMOND = textwrap.dedent(
    """\
    title: T
    questions:
      - id: call
        type: scenario
        prompt: Take the call.
        start: open
        steps:
          open:
            caller: Hello?
            choices:
              - {text: Left, goto: left, points: 1}
              - {text: Right, goto: right}
          left:
            caller: Left.
            choices:
              - {text: Go on, goto: right}
          right:
            caller: Right.
            choices:
              - {text: Done, goto: end, points: 1}
    """
)


def test_scenario_two_paths_to_one_step_are_not_a_cycle() -> None:
    question = bank_of(DIAMOND).questions[0]
    assert isinstance(question, ScenarioQuestion)
    assert question.max_points == 2
    assert question.best_path() == [("open", 0), ("left", 0), ("right", 0)]


def test_scenario_step_no_reply_leads_to() -> None:
    # the step's place is where its contents start (its 'caller' line)
    assert only(edit(SCENARIO, "goto: message", "goto: end")) == (
        f"{FILE}:16:7: error: no reply leads to the step 'message', so no learner will ever see it "
        "(point a reply's 'goto' to it, or remove the step)"
    )


NO_REPLIES = edit(
    SCENARIO,
    "        choices:\n          - text: Of course. Could I have your number?\n"
    "            points: 1\n            goto: end\n",
    "        choices: []\n",
)


def test_scenario_step_with_no_choices() -> None:
    assert only(NO_REPLIES).startswith(f"{FILE}:18:18: error: step 'message' of question 1 needs at least 1 ")


def test_scenario_step_with_no_choices_reads_well() -> None:
    assert "1 replies" not in only(NO_REPLIES)


def test_scenario_step_with_no_caller() -> None:
    assert only(edit(SCENARIO, "        caller: Yes, please tell Sam I called.\n", "")) == (
        f"{FILE}:17:9: error: step 'message' of question 1 is missing 'caller' "
        "(add 'caller: ...' with what the caller says at this step)"
    )


@pytest.mark.parametrize(
    ("step_id", "message"),
    [
        ("end", "the step id 'end' is reserved: 'goto: end' finishes the call"),
        ("Message", "the step id 'Message' is not lowercase words joined by hyphens"),
        ("take_message", "the step id 'take_message' is not lowercase words joined by hyphens"),
    ],
)
def test_scenario_step_id_rules(step_id: str, message: str) -> None:
    text = edit(SCENARIO, "  message:", f"  {step_id}:")
    if step_id != "end":
        text = edit(text, "goto: message", f"goto: {step_id}")
    else:
        text = edit(text, "goto: message", "goto: end")
    reported = only(text)
    assert reported.startswith(f"{FILE}:")
    assert reported.endswith(f"error: {message} (rename the step (and every 'goto' that names it))")


def test_scenario_bad_step_id_points_at_the_id() -> None:
    text = edit(edit(SCENARIO, "  message:", "  Message:"), "goto: message", "goto: Message")
    assert only(text).startswith(f"{FILE}:16:7: error: the step id 'Message'")


def test_scenario_takes_no_points_of_its_own() -> None:
    assert only(edit(SCENARIO, "    start: open", "    points: 3\n    start: open")) == (
        f"{FILE}:6:13: error: a scenario is worth the points of its best path, so it takes no 'points' of its "
        "own (remove 'points' here and give each reply its 'points')"
    )


def test_scenario_with_no_path_that_earns_points() -> None:
    text = edit(edit(SCENARIO, "points: 2", "points: 0"), "points: 1", "points: 0")
    assert only(text) == (
        f"{FILE}:6:12: error: no path through the call earns any points, so it cannot be scored "
        "(give the best reply of each step 'points: 1' or more)"
    )


def test_scenario_reply_points_must_not_be_negative() -> None:
    assert only(edit(SCENARIO, "points: 2", "points: -1")) == (
        f"{FILE}:12:21: error: 'points' of reply 1 of step 'open' of question 1 must be 0 or more, not -1 "
        "(for example 0, 1 or 2)"
    )


def call(steps: dict[str, list[tuple[int, str]]]) -> ScenarioQuestion:
    """A scenario from {step: [(points, goto), ...]}, starting at the first step."""
    question: ScenarioQuestion = kind(
        ScenarioQuestion,
        type="scenario",
        start=next(iter(steps)),
        steps={
            sid: {
                "caller": sid,
                "choices": [{"text": f"{sid} {n}", "points": p, "goto": g} for n, (p, g) in enumerate(replies)],
            }
            for sid, replies in steps.items()
        },
    )
    return question


def test_scenario_best_path_may_take_a_poor_reply_first() -> None:
    question = call({"open": [(2, "end"), (0, "bonus")], "bonus": [(1, "end"), (3, "end")]})
    assert question.max_points == 3
    assert question.best_path() == [("open", 1), ("bonus", 1)]


def test_scenario_best_path_ties_go_to_the_first_reply() -> None:
    assert call({"open": [(1, "end"), (1, "end")]}).best_path() == [("open", 0)]
    tied = call({"open": [(0, "more"), (2, "end")], "more": [(2, "end")]})
    assert tied.max_points == 2
    assert tied.best_path() == [("open", 0), ("more", 0)]


SCENE = bank_of(SCENARIO).questions[0]


@pytest.mark.parametrize(
    ("response", "points"),
    [
        ([0, 0], 3),  # the best path
        ((0, 0), 3),
        ([1], 0),  # a path that ends at once
        ([0], 2),  # a partial path
        ([], 0),
        ([5], 0),  # an invalid index stops there
        ([-1], 0),
        ([0, 7], 2),
        ([0, True], 2),
        ([0, "0"], 2),
        ([0, None, 0], 2),
        ([0, 0, 1, 1], 3),  # indices after the end are ignored
        ([1, 0], 0),
    ],
)
def test_scenario_scores_the_replies_chosen(response: Any, points: int) -> None:
    assert SCENE.score(response) == points


@pytest.mark.parametrize("response", ["00", {0: 0}, None, 0])
def test_scenario_garbage_scores_zero(response: Any) -> None:
    assert SCENE.score(response) == 0


def test_scenario_partial_path_is_partly_right() -> None:
    scored = score_question(SCENE, [0])
    assert (scored.score, scored.max, scored.state) == (2, 3, "partial")


# --- hints and hint_penalty --------------------------------------------------

HINTED = textwrap.dedent(
    """\
    title: Hints
    hint_penalty: 0.25
    questions:
      - id: hold
        type: true_false
        prompt: You may put a caller on hold without asking.
        answer: false
        hints:
          - Think of how it feels to be put on hold.
          - Would you ask first?
    """
)


def test_hints_load() -> None:
    bank = bank_of(HINTED)
    assert bank.questions[0].hints == ["Think of how it feels to be put on hold.", "Would you ask first?"]
    assert bank.hint_penalty == 0.25


def test_blank_hint_is_refused() -> None:
    assert "error: hint 2 is empty" in only(edit(HINTED, "Would you ask first?", '"  "'))


def test_blank_hint_points_at_the_hint() -> None:
    assert only(edit(HINTED, "Would you ask first?", '"  "')).startswith(f"{FILE}:10:9: error: hint 2 is empty")


def test_hint_of_two_paragraphs_is_refused() -> None:
    text = edit(HINTED, "- Would you ask first?", "- |\n        Would you\n\n        ask first?")
    assert "error: hint 2 must be a single paragraph" in only(text)


@pytest.mark.parametrize(
    ("old", "new", "where", "shown"),
    [
        ("hint_penalty: 0.25", "hint_penalty: 1.5", "2:15", "1.5"),
        ("hint_penalty: 0.25", "hint_penalty: -0.1", "2:15", "-0.1"),
        ("    hints:\n", "    hint_penalty: 2\n    hints:\n", "8:19", "2"),
        ("    hints:\n", "    hint_penalty: -0.5\n    hints:\n", "8:19", "-0.5"),
    ],
)
def test_hint_penalty_outside_0_to_1(old: str, new: str, where: str, shown: str) -> None:
    assert only(edit(HINTED, old, new)) == (
        f"{FILE}:{where}: error: hint_penalty must be between 0 and 1, not {shown} "
        "(it is the share of the points a hint costs: 0.25 is a quarter)"
    )


@pytest.mark.parametrize("value", ["0", "1", "0.5"])
def test_hint_penalty_bounds_are_allowed(value: str) -> None:
    assert problems_of(edit(HINTED, "    hints:\n", f"    hint_penalty: {value}\n    hints:\n")) == []


def test_hint_penalty_must_be_a_number() -> None:
    assert only(edit(HINTED, "hint_penalty: 0.25", "hint_penalty: a quarter")) == (
        f"{FILE}:2:15: error: 'hint_penalty' must be a number, not 'a quarter' (for example 0.25)"
    )
    assert only(edit(HINTED, "    hints:\n", "    hint_penalty: true\n    hints:\n")) == (
        f"{FILE}:8:19: error: 'hint_penalty' of question 1 must be a number, not true (for example 0.25)"
    )


TWO_HINTS = kind(TrueFalseQuestion, type="true_false", answer=True, points=4, hints=["one", "two"])


@pytest.mark.parametrize(
    ("hints", "penalty", "score"),
    [
        (0, 0.25, 4),
        (1, 0.25, 3),
        (2, 0.25, 2),
        (5, 0.25, 2),  # hints used are capped at the number of hints
        (-1, 0.25, 4),
        (1, 0.75, 1),
        (2, 0.75, 0),  # never below 0
        (2, 1, 0),
        (2, 0, 4),
    ],
)
def test_score_question_subtracts_the_hint_penalty(hints: int, penalty: float, score: float) -> None:
    scored = score_question(TWO_HINTS, True, hints=hints, penalty=penalty)
    assert scored.score == pytest.approx(score)
    assert (scored.max, scored.state) == (4, "correct")  # the state comes from the answer itself


def test_hint_penalty_state_of_a_wrong_or_partial_answer() -> None:
    wrong = score_question(TWO_HINTS, False, hints=1, penalty=0.25)
    assert (wrong.score, wrong.state) == (0, "incorrect")
    multiple = kind(
        MultipleQuestion,
        type="multiple",
        points=4,
        hints=["h"],
        options=[{"text": "a", "correct": True}, {"text": "b", "correct": True}, {"text": "c"}],
    )
    partial = score_question(multiple, [0], hints=1, penalty=0.25)
    assert (partial.score, partial.state) == (1, "partial")
    lost = score_question(multiple, [0], hints=1, penalty=0.5)
    assert (lost.score, lost.state) == (0, "partial")


def test_a_question_without_hints_is_never_penalised() -> None:
    plain = kind(TrueFalseQuestion, type="true_false", answer=True)
    assert score_question(plain, True, hints=3, penalty=1).score == 1


@pytest.mark.parametrize(("own", "expected"), [(None, 0.25), (0, 0), (0.5, 0.5), (1, 1)])
def test_question_hint_penalty_overrides_the_bank(own: float | None, expected: float) -> None:
    text = HINTED if own is None else edit(HINTED, "    hints:\n", f"    hint_penalty: {own}\n    hints:\n")
    bank = bank_of(text)
    assert bank.hint_penalty_of(bank.questions[0]) == expected
    result = score_quiz(bank, {"hold": False}, hints={"hold": 1})
    assert result.questions["hold"].score == pytest.approx(max(0, 1 - expected))


# --- bank keys ---------------------------------------------------------------

BANK = textwrap.dedent(
    """\
    title: Bank keys
    mode: exam
    shuffle: false
    shuffle_options: true
    draw: 2
    questions:
      - id: one
        type: true_false
        prompt: One.
        answer: true
      - id: two
        type: single
        prompt: Two.
        shuffle_options: false
        options:
          - text: a
            correct: true
            fixed: false
          - text: b
    """
)


def test_bank_keys_load() -> None:
    bank = bank_of(BANK)
    assert (bank.mode, bank.shuffle, bank.shuffle_options, bank.draw) == ("exam", False, True, 2)


def test_bank_key_defaults() -> None:
    bank = bank_of("title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: true}\n")
    assert (bank.mode, bank.shuffle, bank.shuffle_options, bank.draw, bank.hint_penalty) == (
        "practice",
        False,
        True,
        None,
        0,
    )


def test_draw_larger_than_the_bank() -> None:
    assert only(edit(BANK, "draw: 2", "draw: 3")) == (
        f"{FILE}:5:7: error: 'draw: 3' asks for more questions than the bank's 2 (draw 2 or fewer, or add questions)"
    )


@pytest.mark.parametrize("draw", ["0", "-1"])
def test_draw_must_be_above_zero(draw: str) -> None:
    assert only(edit(BANK, "draw: 2", f"draw: {draw}")) == (
        f"{FILE}:5:7: error: 'draw' must be a whole number above 0, not {draw} (use 1 or more, or remove it)"
    )


@pytest.mark.parametrize(("draw", "shown"), [("1.5", "1.5"), ("true", "true"), ("two", "'two'")])
def test_draw_must_be_a_whole_number(draw: str, shown: str) -> None:
    assert only(edit(BANK, "draw: 2", f"draw: {draw}")) == (
        f"{FILE}:5:7: error: 'draw' must be a whole number, not {shown} (for example 1 or 2)"
    )


@pytest.mark.parametrize("mode", ["quiz", "Exam", "'practise'"])
def test_mode_must_be_practice_or_exam(mode: str) -> None:
    shown = mode.strip("'")
    assert only(edit(BANK, "mode: exam", f"mode: {mode}")) == (
        f"{FILE}:2:7: error: mode must be 'practice' or 'exam', not '{shown}' (practice is the default)"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("shuffle_options: true", "shuffle_options: sometimes", "4:18: error: 'shuffle_options' must be"),
        ("shuffle_options: true", "shuffle_options: 1", "4:18: error: 'shuffle_options' must be"),
        ("shuffle: false", "shuffle: 0", "3:10: error: 'shuffle' must be"),
        ("shuffle_options: false", 'shuffle_options: "no"', "14:22: error: 'shuffle_options' of question 2 must be"),
        ("fixed: false", "fixed: maybe", "18:16: error: 'fixed' of option 1 of question 2 must be"),
    ],
)
def test_switches_must_be_booleans(old: str, new: str, message: str) -> None:
    reported = only(edit(BANK, old, new))
    assert reported.startswith(f"{FILE}:{message} true or false, not ")
    assert reported.endswith("(write true or false without quotes)")


def test_ordering_has_no_shuffle_options_key() -> None:
    text = edit(ORDERING, "    points: 3\n", "    shuffle_options: false\n")
    assert only(text).startswith(f"{FILE}:6:5: error: unknown key 'shuffle_options'")


@pytest.mark.parametrize(
    ("bank_setting", "own", "expected"),
    [(True, None, True), (False, None, False), (True, False, False), (False, True, True)],
)
def test_shuffles_options_with_question_override(bank_setting: bool, own: bool | None, expected: bool) -> None:
    single: dict[str, Any] = {
        "id": "s",
        "type": "single",
        "prompt": "p",
        "options": [{"text": "a", "correct": True}, {"text": "b"}],
    }
    if own is not None:
        single["shuffle_options"] = own
    statement = {"id": "t", "type": "true_false", "prompt": "p", "answer": True}
    bank = Bank.model_validate({"title": "T", "shuffle_options": bank_setting, "questions": [single, statement]})
    assert bank.shuffles_options(bank.questions[0]) is expected
    assert bank.shuffles_options(bank.questions[1]) is bank_setting  # a kind without the key follows the bank


# --- attempts ----------------------------------------------------------------


def test_mulberry32_matches_javascript() -> None:
    random = mulberry32(1)
    assert [random(), random(), random()] == [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]


def test_mulberry32_is_deterministic_and_in_range() -> None:
    first, second = mulberry32(12345), mulberry32(12345)
    values = [first() for _ in range(1000)]
    assert values == [second() for _ in range(1000)]
    assert all(0 <= v < 1 for v in values)


def test_shuffled_keeps_fixed_positions() -> None:
    for seed in range(200):
        order = shuffled(6, mulberry32(seed), fixed=(0, 5))
        assert sorted(order) == list(range(6))
        assert (order[0], order[5]) == (0, 5)
    # the others do move
    assert any(shuffled(6, mulberry32(seed), fixed=(0, 5))[1:5] != [1, 2, 3, 4] for seed in range(20))


@pytest.mark.parametrize("size", [2, 3, 4, 5, 6])
def test_derange_never_returns_the_identity(size: int) -> None:
    identity = list(range(size))
    assert any(shuffled(size, mulberry32(seed)) == identity for seed in range(2000))  # it would, without derange
    for seed in range(2000):
        order = shuffled(size, mulberry32(seed), derange=True)
        assert sorted(order) == identity and order != identity, seed


def pool(count: int, **keys: Any) -> Bank:
    questions = [
        {"id": f"q{i}", "type": "true_false", "prompt": f"Statement {i}.", "answer": True} for i in range(count)
    ]
    return Bank.model_validate({"title": "Pool", "questions": questions, **keys})


def test_plan_draw_returns_n_ids_in_bank_order() -> None:
    bank = pool(8, draw=3)
    order = [q.id for q in bank.questions]
    for seed in range(50):
        shown = plan(bank, seed).questions
        assert len(shown) == 3 and len(set(shown)) == 3
        assert shown == sorted(shown, key=order.index)


def test_plan_draw_with_shuffle_draws_the_same_questions_in_a_new_order() -> None:
    in_order, shuffled_bank = pool(8, draw=3), pool(8, draw=3, shuffle=True)
    order = [q.id for q in in_order.questions]
    seen_unsorted = False
    for seed in range(50):
        shown = plan(shuffled_bank, seed).questions
        assert len(shown) == 3
        assert sorted(shown, key=order.index) == plan(in_order, seed).questions
        seen_unsorted |= shown != sorted(shown, key=order.index)
    assert seen_unsorted


def test_plan_is_the_same_for_the_same_seed_and_draws_differ_across_seeds() -> None:
    bank = pool(8, draw=3, shuffle=True)
    assert plan(bank, 42) == plan(bank, 42)
    assert plan(bank, 42).data() == plan(bank, 42).data()
    draws = {frozenset(plan(bank, seed).questions) for seed in range(30)}
    assert len(draws) > 5


def test_plan_without_draw_or_shuffle_shows_every_question_in_order() -> None:
    assert plan(pool(5), 7).questions == ["q0", "q1", "q2", "q3", "q4"]


def test_plan_orders_options_only_where_they_shuffle() -> None:
    questions = [
        {"id": "shuffles", "type": "single", "prompt": "p", "options": [{"text": "a", "correct": True}, {"text": "b"}]},
        {
            "id": "keeps",
            "type": "multiple",
            "prompt": "p",
            "shuffle_options": False,
            "options": [{"text": "a", "correct": True}, {"text": "b"}],
        },
        {"id": "statement", "type": "true_false", "prompt": "p", "answer": True},
        {"id": "typed", "type": "fill_blank", "prompt": "p", "answers": ["x"]},
        {
            "id": "fixed",
            "type": "single",
            "prompt": "p",
            "options": [{"text": "a", "correct": True}, {"text": "b"}, {"text": "None of these", "fixed": True}],
        },
    ]
    bank = Bank.model_validate({"title": "T", "questions": questions})
    for seed in range(20):
        orders = plan(bank, seed).orders
        assert set(orders) == {"shuffles", "fixed"}
        assert sorted(orders["shuffles"]["options"]) == [0, 1]
        assert orders["fixed"]["options"][2] == 2
    off = Bank.model_validate({"title": "T", "shuffle_options": False, "questions": questions})
    assert plan(off, 1).orders == {}


def test_plan_always_shuffles_ordering_items() -> None:
    ordering = {"id": "steps", "type": "ordering", "prompt": "p", "items": ["a", "b", "c"]}
    single = {"id": "s", "type": "single", "prompt": "p", "options": [{"text": "a", "correct": True}, {"text": "b"}]}
    bank = Bank.model_validate({"title": "T", "shuffle_options": False, "questions": [ordering, single]})
    for seed in range(100):
        orders = plan(bank, seed).orders
        assert list(orders) == ["steps"]
        items = orders["steps"]["items"]
        assert sorted(items) == [0, 1, 2] and items != [0, 1, 2]


def test_plan_orders_only_the_drawn_questions() -> None:
    questions = [
        {"id": f"s{i}", "type": "single", "prompt": "p", "options": [{"text": "a", "correct": True}, {"text": "b"}]}
        for i in range(5)
    ]
    bank = Bank.model_validate({"title": "T", "draw": 2, "questions": questions})
    for seed in range(10):
        attempt = plan(bank, seed)
        assert set(attempt.orders) == set(attempt.questions)


# --- advice (quizgen check) --------------------------------------------------


def advice_of(*banks: str) -> list[str]:
    """The warnings of ``quizgen check`` about banks quizzes/m/b1.yml, b2.yml ..."""
    quizzes = [
        Quiz(f"m/b{n}", f"m/b{n}.md", parse_bank(text, f"quizzes/m/b{n}.yml")) for n, text in enumerate(banks, 1)
    ]
    return [p.format() for p in question_advice(quizzes)]


def statements(*answers: bool) -> str:
    lines = ["title: T", "questions:"]
    lines += [
        f"  - {{id: s{n}, type: true_false, prompt: Statement number {n}., answer: {str(a).lower()}}}"
        for n, a in enumerate(answers)
    ]
    return "\n".join(lines) + "\n"


def test_true_false_all_false_warns() -> None:
    warnings = advice_of(statements(False, False, False))
    assert (
        "quizzes/m/b1.yml:3:5: warning: 3 of the bank's 3 true/false statements are false, so answering 'false' "
        "throughout scores well without reading (make about half of them true: state a belief the lesson "
        "confirms as well as ones it corrects)"
    ) in warnings


@pytest.mark.parametrize(
    ("answers", "warns"),
    [
        ((True, True, False, False), False),
        ((True, False, False, False), False),  # 75%
        ((False, True, True, True, True), True),  # 80%
        ((False, False), False),  # too few to tell
    ],
)
def test_true_false_balance(answers: tuple[bool, ...], warns: bool) -> None:
    found = [w for w in advice_of(statements(*answers)) if "true/false statements are" in w]
    assert bool(found) is warns, found
    if warns:
        assert found == [
            "quizzes/m/b1.yml:4:5: warning: 4 of the bank's 5 true/false statements are true, so answering 'true' "
            "throughout scores well without reading (make about half of them false: state a belief the lesson "
            "confirms as well as ones it corrects)"
        ]


def singles(*long_right: bool) -> str:
    lines = ["title: T", "questions:"]
    for n, long in enumerate(long_right):
        right = "The organisation's name, then your own name, clearly" if long else "Your name"
        lines += [
            f"  - id: q{n}",
            "    type: single",
            f"    prompt: Greeting question {n}?",
            "    options:",
            f"      - {{text: {right!r}, correct: true}}",
            "      - {text: Hello?}",
            "      - {text: Good morning}",
        ]
    return "\n".join(lines) + "\n"


def test_right_option_clearly_longest_in_most_single_questions_warns() -> None:
    found = [w for w in advice_of(singles(False, True, True)) if "clearly the longest" in w]
    assert found == [
        "quizzes/m/b1.yml:10:5: warning: the right option is clearly the longest in 2 of the bank's 3 "
        "single-choice questions, so a learner can pass by picking the longest (make wrong options as long and "
        "as specific as the right one (see AUTHORING.md, 'Questions that measure'))"
    ]


@pytest.mark.parametrize("long_right", [(True, False, False), (True, True, False, False), (True, True)])
def test_right_option_longest_in_few_questions_does_not_warn(long_right: tuple[bool, ...]) -> None:
    assert not [w for w in advice_of(singles(*long_right)) if "clearly the longest" in w]


NONE_OF_THE_ABOVE = textwrap.dedent(
    """\
    title: T
    questions:
      - id: first-words
        type: single
        prompt: What do you say first?
        options:
          - text: Hello?
          - text: Your name
            correct: true
          - text: None of the above
    """
)


def test_none_of_the_above_shuffled_warns() -> None:
    assert (
        "quizzes/m/b1.yml:10:9: warning: option 3 of question 'first-words' ('None of the above') refers to the "
        "other options' places, but options are shuffled (add 'fixed: true' to this option to keep its place, "
        "or name the options it means)"
    ) in advice_of(NONE_OF_THE_ABOVE)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("None of the above\n", "None of the above\n        fixed: true\n"),
        ("title: T\n", "title: T\nshuffle_options: false\n"),
        ("    options:\n", "    shuffle_options: false\n    options:\n"),
    ],
)
def test_none_of_the_above_kept_in_place_does_not_warn(old: str, new: str) -> None:
    assert not [w for w in advice_of(edit(NONE_OF_THE_ABOVE, old, new)) if "refers to the other" in w]


def test_all_of_the_above_in_a_multiple_question_warns() -> None:
    text = edit(NONE_OF_THE_ABOVE, "type: single", "type: multiple")
    text = edit(text, "None of the above", "All of these")
    assert any("option 3 of question 'first-words' ('All of these') refers to" in w for w in advice_of(text))


PROMPT = textwrap.dedent(
    """\
    title: T
    questions:
      - id: {id}
        type: true_false
        prompt: {prompt}
        answer: true
    """
)


def test_nearly_identical_prompt_in_two_banks_warns() -> None:
    first = PROMPT.format(
        id="a", prompt="Which details belong on every telephone message you take for an absent colleague?"
    )
    second = PROMPT.format(
        id="b", prompt="Which details always belong on every telephone message you take for an absent colleague?"
    )
    assert (
        "quizzes/m/b2.yml:3:5: warning: question 'b' has nearly the same prompt as the question at "
        "quizzes/m/b1.yml:3 (ask each thing once: a final check drawn from every bank would repeat it)"
    ) in advice_of(first, second)


def test_different_prompts_in_two_banks_do_not_warn() -> None:
    first = PROMPT.format(id="a", prompt="Which details belong on every telephone message you take?")
    second = PROMPT.format(id="b", prompt="When should you put a caller on hold without asking them first?")
    assert not [w for w in advice_of(first, second) if "prompt as" in w]


def test_scenario_reply_without_feedback_warns() -> None:
    text = edit(SCENARIO, "            goto: message\n", "            goto: message\n            feedback: Good.\n")
    warnings = [w for w in advice_of(text) if "has no feedback" in w]
    assert warnings == [
        "quizzes/m/b1.yml:15:13: warning: reply 2 of step 'open' in question 'call-for-sam' has no feedback "
        "(add 'feedback: ...' saying how the caller takes this reply)",
        "quizzes/m/b1.yml:20:13: warning: reply 1 of step 'message' in question 'call-for-sam' has no feedback "
        "(add 'feedback: ...' saying how the caller takes this reply)",
    ]


def test_check_command_warns_about_a_nearly_identical_prompt_in_another_bank(course: Path) -> None:
    (course / "quizzes/module/other.yml").write_text(
        PROMPT.format(id="other-habits", prompt="Which habits make a really good first impression?")
    )
    result = CliRunner().invoke(main, ["check", str(course)])
    assert result.exit_code == 0, result.output
    assert (
        "quizzes/module/other.yml:3:5: warning: question 'other-habits' has nearly the same prompt as the "
        "question at quizzes/module/lesson.yml:16 (ask each thing once: a final check drawn from every bank "
        "would repeat it)"
    ) in result.output.splitlines()
