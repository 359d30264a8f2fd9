"""Markdown for untrusted bank text: raw HTML is shown as text, and links or
images with unsafe schemes lose their target.

Two renderers: ``block`` for explanations and feedback, ``inline`` for text
that must sit inside a <legend> or <label> (phrasing content only).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Python-Markdown's block processors other than "paragraph".
_BLOCK_PROCESSORS = (
    "empty",
    "indent",
    "code",
    "hashheader",
    "setextheader",
    "hr",
    "olist",
    "ulist",
    "quote",
    "reference",
)
# One line with no character Markdown treats specially and no start that
# makes a block (list, heading, quote): Markdown renders it as itself, so the
# renderer skips it. One run of up to six underscores may stand in it (a
# fill_blank's "____", a snake_case word): emphasis takes two runs, and a
# line of nothing else would be a rule. tests/test_render.py checks this
# against Markdown.
_TEXT = r"[^`\\\[\]<>&*_\x00-\x1f\x7f]*"
_PLAIN = re.compile(rf"(?=\S)(?![-+*>#]|\d+[.)])(?=.*[^_\s]){_TEXT}(?:_{{1,6}}{_TEXT})?(?<=\S)")
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and the schemes in SAFE_SCHEMES.

    Browsers ignore control characters and white space inside a scheme, and
    decode entities, so we do too before looking at it.
    """
    cleaned = _IGNORED.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1) in SAFE_SCHEMES


class _NeutraliseUrls(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]
            if element.tag == "a" and element.get("href", "").startswith(("http://", "https://")):
                element.set("rel", "noopener noreferrer")


class _Untrusted(Extension):
    """Drop raw HTML handling (so it is escaped as text) and vet every URL."""

    def __init__(self, inline_only: bool) -> None:
        super().__init__()
        self.inline_only = inline_only

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        if self.inline_only:  # paragraphs only: no headings, lists, quotes or code blocks
            for name in _BLOCK_PROCESSORS:
                md.parser.blockprocessors.deregister(name, strict=False)
        md.treeprocessors.register(_NeutraliseUrls(md), "quizgen_urls", 0)


class _Renderer:
    def __init__(self, inline_only: bool) -> None:
        self._inline_only = inline_only
        self._md: Markdown | None = None

    def __call__(self, text: str) -> str:
        if _PLAIN.fullmatch(text):  # most bank text: Markdown would only wrap it
            return text if self._inline_only else f"<p>{text}</p>"
        return self.markdown(text)

    def markdown(self, text: str) -> str:
        """The text through Markdown, always."""
        if self._md is None:  # built on first use: most commands never render
            extensions: list[Extension | str] = [_Untrusted(self._inline_only)]
            if not self._inline_only:
                extensions.append("sane_lists")
            self._md = Markdown(extensions=extensions, output_format="html")
        self._md.reset()
        rendered = self._md.convert(text)
        if self._inline_only:  # phrasing content only, even if a blank line slipped through
            rendered = rendered.removeprefix("<p>").removesuffix("</p>").replace("</p>\n<p>", "<br>\n")
        return rendered


block = _Renderer(inline_only=False)
inline = _Renderer(inline_only=True)
