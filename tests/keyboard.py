"""Answering any kind of question with the keyboard alone, as a learner would,
in whatever order the attempt shows the options."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from quizgen.model import (
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def shown_order(page: Page, selector: str, attribute: str = "data-index") -> list[int]:
    """The written indices of the elements matching ``selector``, in the order the page shows them."""
    values: list[str] = page.eval_on_selector_all(selector, f"els => els.map(e => e.getAttribute('{attribute}'))")
    return [int(v) for v in values]


def choose_radio(page: Page, root: str, name_base: str, wanted: int) -> None:
    """A radio group is one tab stop; arrows move through it in the order shown."""
    order = shown_order(page, f"{root} .quizgen-option")
    tab_to(page, f"#{name_base}-{order[0]}")
    page.keyboard.press("Space")
    for _ in range(order.index(wanted)):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#{name_base}-{wanted}")).to_be_checked()


def choose_in_select(page: Page, select: str, value: int) -> None:
    """Arrow keys on a closed <select> move through its options in the order shown."""
    values = [v for v in page.eval_on_selector(select, "s => Array.from(s.options).map(o => o.value)")]
    tab_to(page, select)
    for _ in range(values.index(str(value))):
        page.keyboard.press("ArrowDown")
    expect(page.locator(select)).to_have_value(str(value))


def answer(page: Page, question: Question, right: bool) -> None:
    """Answer one question, rightly or wrongly, using only the keyboard."""
    base = f"quizgen-{question.id}"
    root = f"#{base}"
    if isinstance(question, SingleQuestion):
        correct = next(i for i, o in enumerate(question.options) if o.correct)
        choose_radio(page, root, base, correct if right else (correct + 1) % len(question.options))
    elif isinstance(question, TrueFalseQuestion):
        choose_radio(page, root, base, (0 if question.answer else 1) if right else (1 if question.answer else 0))
    elif isinstance(question, MultipleQuestion):
        for index in shown_order(page, f"{root} .quizgen-option"):
            tab_to(page, f"#{base}-{index}")
            if question.options[index].correct == right:
                page.keyboard.press("Space")
    elif isinstance(question, FillBlankQuestion):
        tab_to(page, f"#{base}-answer")
        page.keyboard.type(f"  {question.answers[-1].upper()} " if right else "not this")
    elif isinstance(question, OrderingQuestion):
        count = len(question.items)
        for index in shown_order(page, f"{root} .quizgen-item"):
            choose_in_select(page, f"#{base}-{index}", index if right else count - 1 - index)
    elif isinstance(question, MatchingQuestion):
        count = len(question.pairs)
        for index in shown_order(page, f"{root} .quizgen-pair"):
            choose_in_select(page, f"#{base}-{index}", index if right else (index + 1) % count)
    elif isinstance(question, ScenarioQuestion):
        play_call(page, question, best=right)


def play_call(page: Page, question: ScenarioQuestion, best: bool) -> None:
    """Play the call to its end: the best reply at every step, or the worst."""
    base = f"quizgen-{question.id}"
    step = question.start
    while step != "end":
        replies = question.steps[step].choices
        points = [reply.points for reply in replies]
        wanted = points.index(max(points) if best else min(points))
        choose_radio(page, f"#{base} .quizgen-step[data-step='{step}']", f"{base}-{step}", wanted)
        page.keyboard.press("Tab")
        expect(page.locator(f"#{base} .quizgen-step[data-step='{step}'] .quizgen-reply")).to_be_focused()
        page.keyboard.press("Enter")
        step = replies[wanted].goto
    expect(page.locator(f"#{base}-end")).to_be_focused()
