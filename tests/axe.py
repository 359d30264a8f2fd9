"""axe-core in the page, as the course's accessibility tests judge it."""

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
