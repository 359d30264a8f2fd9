"""The browser runtime as the site serves it: the units under assets/runtime/
joined into scripts, and the stylesheets, each named by a hash of its content
so that a server may cache them for ever and a new build is never mixed with
an old copy.

Every page loads one script (the core, what option kinds share, the common
kinds, attempts, the store, the page wiring, progress) and one stylesheet;
the rarer kinds and the progress views are parts it loads when a page needs
them. Scripts are minified with their local names shortened; property names
and the units' structure stay as written.

The interface's words come from the language's catalogue (``i18n.py``):
each script carries exactly the messages its units name (a key such as
"quiz.right" written in their source), so a page loads no catalogue of its
own and no script carries words it never says.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import rcssmin

from .i18n import DEFAULT, messages_for
from .kinds import QUESTION_TYPES

MINIFIER = f"calmjs.parse {version('calmjs.parse')}"

ASSETS = Path(__file__).resolve().parent / "assets"
UNITS = ASSETS / "runtime"


# The kinds every page carries; the others (larger, and rarer in a lesson)
# come in a second file that the runtime loads when a quiz on the page needs it.
PAGE_KINDS = ("single", "multiple", "true_false", "fill_blank")


def unit_paths() -> list[Path]:
    """Every unit of the runtime, in dependency order (what tests load together)."""
    page = page_unit_paths()
    return [*page[:2], *(UNITS / "kinds" / f"{kind}.js" for kind in QUESTION_TYPES), *page[2 + len(PAGE_KINDS) :]]


def page_unit_paths() -> list[Path]:
    """The units of the script every page loads."""
    return [
        UNITS / "core.js",
        UNITS / "options.js",
        *(UNITS / "kinds" / f"{kind}.js" for kind in PAGE_KINDS),
        UNITS / "attempt.js",
        UNITS / "store.js",
        UNITS / "page.js",
        UNITS / "progress.js",
    ]


_KEY = re.compile(r'"((?:quiz|kinds|views)\.(?!css"|js")[a-z_]+)"')


def message_keys(paths: list[Path], prefix: str = "") -> list[str]:
    """The catalogue's keys that these units name (those starting with ``prefix``)."""
    found = {key for path in paths for key in _KEY.findall(path.read_text(encoding="utf-8"))}
    return sorted(key for key in found if key.startswith(prefix))


def messages_script(paths: list[Path], language: str, prefix: str) -> str:
    """JavaScript that gives the runtime the messages these units say, in ``language``: "quiz." messages go in
    the every-page script, "kinds." ones with the kinds, "views." ones with the views (also those the every-page
    units name but rarely say, such as the notices about stored progress: they load the views part to say them)."""
    t = messages_for(language)
    keys = message_keys(paths, prefix)
    words = json.dumps({key: t.messages[key] for key in keys}, ensure_ascii=False, sort_keys=True)
    return f"QuizGen.lang = {json.dumps(t.language)};\nQuizGen.say({words});\n"


def more_kinds_paths() -> list[Path]:
    return [UNITS / "kinds" / f"{kind}.js" for kind in QUESTION_TYPES if kind not in PAGE_KINDS]


@dataclass(frozen=True)
class Asset:
    name: str  # the file's name on the site, with its content's hash: quizgen.1a2b3c4d.js
    content: str


def named(stem: str, suffix: str, content: str) -> Asset:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return Asset(f"{stem}.{digest}{suffix}", content)


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quizgen"


def minify(code: str) -> str:
    """JavaScript without comments or white space, its local names shortened (calmjs.parse).

    Minifying takes about half a second, so each result is kept in the user's
    cache folder under the hash of its source: later builds read it back.
    """
    digest = hashlib.sha256(f"{MINIFIER}\n{code}".encode()).hexdigest()
    cached = _cache_dir() / f"{digest}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    result: str = minify_print(es5(code), obfuscate=True, obfuscate_globals=False, shadow_funcname=True, drop_semi=True)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(result, encoding="utf-8")
        partial.replace(cached)  # whole or not at all, also when builds run side by side
    except OSError:
        pass  # no cache: the next build minifies again
    return result


def _join(paths: list[Path]) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


@functools.cache
def more_kinds_script(language: str = DEFAULT) -> Asset:
    """The kinds not in PAGE_KINDS, loaded by the runtime when a quiz needs one."""
    code = minify(
        f'(function () {{\n"use strict";\nvar QuizGen = window.QuizGen;\n'
        f"if (!QuizGen || QuizGen.kinds.{more_kinds_paths()[0].stem}) return;\n"
        f"{messages_script(more_kinds_paths(), language, 'kinds.')}{_join(more_kinds_paths())}\n}})();"
    )
    return named("quizgen-kinds", ".js", f"/* quizgen kinds. Sources: quizgen/assets/runtime/kinds/ */\n{code}\n")


def _unit_script(unit: str, stem: str, label: str, words: str = "") -> Asset:
    """A unit loaded on its own (not joined into the every-page script), minified and named by its hash."""
    code = minify(words + (UNITS / unit).read_text(encoding="utf-8"))
    return named(stem, ".js", f"/* quizgen {label}. Source: quizgen/assets/runtime/{unit} */\n{code}\n")


@functools.cache
def views_script(language: str = DEFAULT) -> Asset:
    """The progress page's and the certificate's code, which the runtime loads on those pages only."""
    words = messages_script([UNITS / "views.js", *page_unit_paths()], language, "views.")
    words = f"window.QuizGen && (function (QuizGen) {{ {words} }})(window.QuizGen);\n"
    return _unit_script("views.js", "quizgen-views", "views", words)


@functools.cache
def lms_script() -> Asset:
    """The LMS bridge a SCORM package's launch page runs (quizgen/scorm.py builds the package)."""
    return _unit_script("lms.js", "quizgen-lms", "LMS bridge")


@functools.cache
def _stylesheet(source: str, stem: str) -> Asset:
    return named(stem, ".css", rcssmin.cssmin((ASSETS / source).read_text(encoding="utf-8")) + "\n")


def stylesheet() -> Asset:
    """The styles every page loads."""
    return _stylesheet("quizgen.css", "quizgen")


def more_kinds_stylesheet() -> Asset:
    return _stylesheet("kinds.css", "quizgen-kinds")


def views_stylesheet() -> Asset:
    return _stylesheet("views.css", "quizgen-views")


@functools.cache
def script(language: str = DEFAULT) -> Asset:
    """The script every page loads, in the interface's ``language``; it names the parts it loads on demand
    (script and styles), which sit beside it."""
    parts = {
        "kinds": [more_kinds_script(language).name, more_kinds_stylesheet().name],
        "views": [views_script(language).name, views_stylesheet().name],
    }
    code = minify(
        f'(function () {{\n"use strict";\nif (window.QuizGen) return;\n{_join(page_unit_paths())}\n'
        f"{messages_script(page_unit_paths(), language, 'quiz.')}"
        f"QuizGen.parts = {json.dumps(parts)};\nwindow.QuizGen = QuizGen;\n}})();"
    )
    return named("quizgen", ".js", f"{code}\n")


def assets(language: str = DEFAULT) -> list[Asset]:
    """Every file the site serves under assets/quizgen/, with the interface in ``language``."""
    return [
        script(language),
        stylesheet(),
        more_kinds_script(language),
        more_kinds_stylesheet(),
        views_script(language),
        views_stylesheet(),
        lms_script(),
    ]
