"""What the adapter reads from and writes to a rendered MkDocs page."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..anchors import html_ids, plain_text

MARKER = "<!-- quiz -->"


def anchors(content: str, toc: TableOfContents) -> dict[str, str | None]:
    """Every id in the page's HTML, with the heading text where it is a heading."""
    titles = {link.id: plain_text(link.title) for link in _walk(toc)}
    return {anchor: titles.get(anchor) for anchor in html_ids(content)}


def unique_id(wanted: str, taken: dict[str, Any]) -> str:
    candidate, number = wanted, 1
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate


def place(content: str, quiz_html: str) -> tuple[str, int]:
    """Put the quiz where the lesson has ``<!-- quiz -->``, else at the end.

    Returns the new content and the offset at which the quiz starts.
    """
    at = content.find(MARKER)
    if at < 0:
        return f"{content}\n{quiz_html}", len(content) + 1
    return content[:at] + quiz_html + content[at + len(MARKER) :], at


def add_to_toc(toc: TableOfContents, content: str, offset: int, title: str, anchor: str) -> None:
    """List the quiz's heading in the page's table of contents, in document order.

    It goes before the first heading that stands after it; a page titled with
    one <h1> keeps its sections as that entry's children, so it goes there.
    """
    before = set(html_ids(content[:offset]))
    siblings: list[AnchorLink] = toc.items
    if len(siblings) == 1 and siblings[0].level <= 1:
        siblings = siblings[0].children
    position = next((i for i, link in enumerate(siblings) if link.id not in before), len(siblings))
    level = siblings[0].level if siblings else 2
    siblings.insert(position, AnchorLink(title, anchor, level))


def _walk(toc: TableOfContents) -> list[AnchorLink]:
    return _walk_links(list(toc))


def _walk_links(links: list[AnchorLink]) -> list[AnchorLink]:
    found: list[AnchorLink] = []
    for link in links:
        found.append(link)
        found.extend(_walk_links(link.children))
    return found
