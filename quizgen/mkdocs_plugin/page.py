"""What the adapter reads from and writes to a rendered MkDocs page."""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..anchors import html_ids, plain_text
from ..page_markers import find_quiz_marker, unique_id

__all__ = ["add_to_toc", "anchors", "place", "unique_id"]


def anchors(content: str, toc: TableOfContents) -> dict[str, str | None]:
    """Every id in the page's HTML, with the heading text where it is a heading."""
    titles = {link.id: plain_text(link.title) for link in _walk(toc)}
    return {anchor: titles.get(anchor) for anchor in html_ids(content)}


def place(content: str, quiz_html: str) -> tuple[str, int]:
    """Put the quiz where the lesson has ``<!-- quiz -->`` (or a marker naming a bank), else at the end.

    Returns the new content and the offset at which the quiz starts.
    """
    marker = find_quiz_marker(content)
    if marker is None:
        return f"{content}\n{quiz_html}", len(content) + 1
    return content[: marker.start] + quiz_html + content[marker.end :], marker.start


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
