"""The heading anchors of a lesson, found by rendering it as the site does.

The build checks ``see`` links against the ids of the real page; the command
line renders the lesson with the site's Markdown extensions instead. Rendering
a whole lesson costs milliseconds, so headings are tried first on their own
(ATX lines outside code fences, the form the course uses), and plain-text
headings go straight through the toc extension's own slugify and de-duplicate
steps; the whole lesson is rendered only when that misses an anchor a
question asks for, so a reported error always comes from the real renderer.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Collection, Sequence
from typing import Any

from markdown import Markdown
from markdown.extensions.toc import unique

from . import front_matter

log = logging.getLogger(__name__)

Anchors = dict[str, str | None]

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX = re.compile(r"^#{1,6}(?:[ \t]|$)")
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_FALLBACK = ("toc", "attr_list")
_ATX_MARKS = re.compile(r"^#+|(?<=\s)#+\s*$")
# Text that Markdown's inline processing leaves as it is.
_PLAIN = re.compile(r"[\w ,.?!:;()'\u2019-]*")


class LessonAnchors:
    """Anchors of lessons rendered with one site's Markdown extensions."""

    def __init__(self, extensions: Sequence[str | dict[str, Any]] = _FALLBACK) -> None:
        self._extensions = extensions
        self._md: Markdown | None = None

    def __call__(self, text: str, wanted: Collection[str] = ()) -> Anchors:
        _, text = front_matter.split(text)  # MkDocs reads it as page settings, not text
        headings = _heading_lines(text)
        quick = self._slugs(headings)
        if quick is None:
            quick = self._render("\n\n".join(headings))
        if all(anchor in quick for anchor in wanted):
            return quick
        return self._render(text)

    def _slugs(self, headings: list[str]) -> Anchors | None:
        """Anchors of plain-text headings, by the toc extension's own rules; None if any has markup."""
        titles = [_ATX_MARKS.sub("", line).strip() for line in headings]
        processors = self._markdown().treeprocessors
        toc: Any = processors["toc"] if "toc" in processors else None  # noqa: SIM401 - a Registry has no get()
        if toc is None or not all(_PLAIN.fullmatch(title) for title in titles):
            return None
        used: set[str] = set()
        anchors: Anchors = {}
        for title in titles:
            anchors[unique(toc.slugify(title, toc.sep), used)] = title
        return anchors

    def _render(self, text: str) -> Anchors:
        md = self._markdown()
        md.reset()
        rendered = md.convert(text)
        anchors: Anchors = dict.fromkeys(html_ids(rendered))
        anchors.update(heading_titles(md))
        return anchors

    def _markdown(self) -> Markdown:
        if self._md is None:
            names: list[Any] = []
            configs: dict[str, Any] = {}
            for item in self._extensions:
                if isinstance(item, dict):
                    for name, config in item.items():
                        names.append(name)
                        if isinstance(config, dict):
                            configs[name] = config
                else:
                    names.append(item)
            names = list(dict.fromkeys(names))  # MkDocs' built-in extensions may be listed again
            try:
                self._md = Markdown(extensions=names, extension_configs=configs)
            except Exception as exc:  # an extension that is not installed or not configured right
                log.warning("rendering lessons with toc and attr_list only: %s", exc)
                self._md = Markdown(extensions=list(_FALLBACK))
        return self._md


def html_ids(html_text: str) -> list[str]:
    """Every id in rendered HTML, in order: the targets a ``#anchor`` link can reach."""
    return _ID.findall(html_text)


def plain_text(html_text: str) -> str:
    """A heading's HTML as the words a reader sees."""
    return html.unescape(_TAG.sub("", html_text)).strip()


def _heading_lines(text: str) -> list[str]:
    lines: list[str] = []
    fence = ""
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
        elif match:
            fence = match.group(1)
        elif _ATX.match(line):
            lines.append(line)
    return lines


def heading_titles(md: Markdown) -> dict[str, str]:
    """The anchor and plain text of every heading the toc extension found in ``md``'s last conversion."""
    return {token["id"]: plain_text(token["name"]) for token in _flatten(getattr(md, "toc_tokens", []))}


def _flatten(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for token in tokens:
        found.append(token)
        found.extend(_flatten(token.get("children", [])))
    return found
