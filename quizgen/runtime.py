"""The browser runtime as the site serves it: the units under assets/runtime/
joined into one script, and the stylesheet, each named by a hash of its
content so that a server may cache them for ever and a new build is never
mixed with an old copy.

The units are joined in dependency order: the core, what option kinds share,
one unit per registered kind, attempts, the store, the page wiring. Comment
lines and indentation are dropped (the sources keep them); nothing else is
rewritten, so the units stay the code that runs.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .kinds import QUESTION_TYPES

ASSETS = Path(__file__).resolve().parent / "assets"
UNITS = ASSETS / "runtime"
STYLESHEET = ASSETS / "quizgen.css"

_COMMENT_LINE = re.compile(r"^\s*//.*\n", re.MULTILINE)
_COMMENT_BLOCK = re.compile(r"^\s*/\*.*?\*/[ \t]*\n", re.MULTILINE | re.DOTALL)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def unit_paths() -> list[Path]:
    """Every unit of the runtime, in the order the joined script holds them."""
    kinds = [UNITS / "kinds" / f"{kind}.js" for kind in QUESTION_TYPES]
    return [
        UNITS / "core.js",
        UNITS / "options.js",
        *kinds,
        UNITS / "attempt.js",
        UNITS / "store.js",
        UNITS / "page.js",
    ]


def _compact(source: str) -> str:
    return _INDENT.sub("", _COMMENT_LINE.sub("", _COMMENT_BLOCK.sub("", source)))


@dataclass(frozen=True)
class Asset:
    name: str  # the file's name on the site, with its content's hash: quizgen.1a2b3c4d.js
    content: str


def _named(stem: str, suffix: str, content: str) -> Asset:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return Asset(f"{stem}.{digest}{suffix}", content)


@functools.cache
def script() -> Asset:
    body = "".join(_compact(path.read_text(encoding="utf-8")) for path in unit_paths())
    content = (
        "/* quizgen runtime: scores the self-checks in this site. Sources: quizgen/assets/runtime/ */\n"
        '(function () {\n"use strict";\nif (window.QuizGen) return;\n'
        f"{body}window.QuizGen = QuizGen;\n}})();\n"
    )
    return _named("quizgen", ".js", content)


@functools.cache
def stylesheet() -> Asset:
    return _named("quizgen", ".css", STYLESHEET.read_text(encoding="utf-8"))
