"""The browser runtime as the site serves it: the units under assets/runtime/
joined into one script, and the stylesheet, each named by a hash of its
content so that a server may cache them for ever and a new build is never
mixed with an old copy.

The units are joined in dependency order: the core, what option kinds share,
one unit per registered kind, attempts, the store, the page wiring, then
minified (comments and white space only: no name is rewritten, so the units
stay the code that runs).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

from .kinds import QUESTION_TYPES

ASSETS = Path(__file__).resolve().parent / "assets"
UNITS = ASSETS / "runtime"
STYLESHEET = ASSETS / "quizgen.css"


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


@dataclass(frozen=True)
class Asset:
    name: str  # the file's name on the site, with its content's hash: quizgen.1a2b3c4d.js
    content: str


def _named(stem: str, suffix: str, content: str) -> Asset:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return Asset(f"{stem}.{digest}{suffix}", content)


@functools.cache
def script() -> Asset:
    body = "\n".join(path.read_text(encoding="utf-8") for path in unit_paths())
    code = rjsmin.jsmin(
        f'(function () {{\n"use strict";\nif (window.QuizGen) return;\n{body}\nwindow.QuizGen = QuizGen;\n}})();'
    )
    return _named("quizgen", ".js", f"/* quizgen runtime. Sources: quizgen/assets/runtime/ */\n{code}\n")


@functools.cache
def stylesheet() -> Asset:
    css = rcssmin.cssmin(STYLESHEET.read_text(encoding="utf-8"))
    return _named("quizgen", ".css", f"/* quizgen. Source: quizgen/assets/quizgen.css */\n{css}\n")
