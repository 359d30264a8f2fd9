"""The course's accessibility checks, run in a page: axe-core, the focus ring, the size of
tap targets, results in words, the question's legend inside its box."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

# The rules of WCAG 2.1 levels A and AA as axe tags them.
WCAG_21_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
SERIOUS = {"serious", "critical"}

Violation = tuple[str, str, list[Any]]  # rule, impact, the elements found


def failures(page: Page) -> list[Violation]:
    """Every rule axe knows, best practices too: what breaks a WCAG 2.1 A or AA rule at any
    impact, and what breaks any other rule with a serious or critical impact."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]])
        for v in result.response["violations"]
        if v["impact"] in SERIOUS or WCAG_21_AA & set(v["tags"])
    ]


# What the focused element shows, where it is, and what is drawn over its middle.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const ring = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const rgba = text => (text.match(/[\\d.]+/g) || []).map(Number).concat([1]).slice(0, 4);
  let behind = [0, 0, 0, 0];  // the colours under the outline, composited from the page down
  const layers = [];
  for (let node = el.parentElement; node; node = node.parentElement) {
    layers.push(rgba(getComputedStyle(node).backgroundColor));
  }
  layers.push([255, 255, 255, 1]);
  for (const [r, g, b, a] of layers.reverse()) behind = [0, 1, 2].map(i => [r, g, b][i] * a + behind[i] * (1 - a));
  return {
    name: el.id || el.className || el.tagName,
    over: top ? top.id || top.className || top.tagName : null,
    outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    colour: rgba(style.outlineColor).slice(0, 3),
    behind: behind,
    // the element and its ring inside the window, its middle not under anything else (the theme's header)
    seen: box.width > 0 && box.height > 0 && box.top - ring >= 0 && box.bottom + ring <= innerHeight &&
      Boolean(top) && (el.contains(top) || top.contains(el) || (el.labels && [...el.labels].includes(top))),
  };
}"""

# Each control of the course's own parts as a finger finds it: a radio button or checkbox
# by its label, when the label chooses it; form controls are meant to be 44 px tall.
TARGETS = """() => [...document.querySelectorAll(
    ".quizgen :is(input, select, textarea, button), .quizgen-see a")].filter(el => el.getClientRects().length)
  .map(el => {
    const label = /^(radio|checkbox)$/.test(el.type) && el.labels.length === 1 &&
      getComputedStyle(el.labels[0]).pointerEvents !== "none" ? el.labels[0] : null;
    const box = (label || el).getBoundingClientRect();
    return {name: el.id || el.className, control: el.tagName !== "A", width: box.width, height: box.height};
  })"""

# After a check: each question's verdict, and each marked option's state, in words.
UNSAID = """form => [...form.querySelectorAll("fieldset.quizgen-question:not([hidden])")].flatMap(set => {
  const verdict = set.querySelector(".quizgen-verdict");
  const marked = [...set.querySelectorAll(".is-chosen-right, .is-chosen-wrong, .is-missed")]
    .filter(row => !row.querySelector(":scope > .quizgen-option-state")?.textContent.trim())
    .map(row => set.id + " " + row.className);
  return verdict && verdict.checkVisibility() && verdict.textContent.trim() ? marked : [set.id + " verdict", ...marked];
})"""


# Questions whose legend sits astride the box's top border rather than inside it.
ASTRIDE = """form => [...form.querySelectorAll("fieldset.quizgen-question:not([hidden])")].filter(set =>
  set.querySelector(":scope > legend").getBoundingClientRect().top <
    set.getBoundingClientRect().top + parseFloat(getComputedStyle(set).borderTopWidth)).map(set => set.id)"""


def luminance(rgb: list[float]) -> float:
    channels = [c / 255 for c in rgb]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: list[float], other: list[float]) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def too_small(page: Page) -> list[dict[str, Any]]:
    """Controls under 44 px, and links under 24 px, in either direction."""
    targets: list[dict[str, Any]] = page.evaluate(TARGETS)
    return [t for t in targets if min(t["width"], t["height"]) < (44 if t["control"] else 24)]


def focus_problem(page: Page) -> str | None:
    """What is wrong with the focus as shown now: no 2 px ring of 3:1 contrast, or not in view."""
    stop: dict[str, Any] = page.evaluate(FOCUS)
    ratio = contrast(stop["colour"], stop["behind"])
    if stop["outline"] >= 2 and ratio >= 3 and stop["seen"]:
        return None
    seen = "in view" if stop["seen"] else f"not in view (its middle under {stop['over']})"
    return f"{stop['name']}: outline {stop['outline']}px, contrast {ratio:.1f}, {seen}"


def walk_the_quiz(page: Page) -> list[str]:
    """Tab from the quiz's heading through its form; what is wrong with the focus at each stop."""
    page.locator("div.quizgen > h2 a.headerlink").focus()
    wrong = []
    for _ in range(400):
        page.keyboard.press("Tab")
        if not page.evaluate("() => Boolean(document.activeElement.closest('form.quizgen-quiz'))"):
            return wrong
        problem = focus_problem(page)
        if problem:
            wrong.append(problem)
    raise AssertionError("Tab never left the quiz")


def said_by_colour_alone(page: Page) -> list[str]:
    """After a check: questions without a verdict in words, marked options without their state in words."""
    found: list[str] = page.locator("form.quizgen-quiz").evaluate(UNSAID)
    return found


def legends_astride(page: Page) -> list[str]:
    found: list[str] = page.locator("form.quizgen-quiz").evaluate(ASTRIDE)
    return found
