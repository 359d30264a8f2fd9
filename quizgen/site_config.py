"""What quizgen needs from a course's mkdocs.yml, read without MkDocs itself:
where lessons and banks live, and how Markdown is rendered (for heading
anchors). Used by the command line; the plugin gets the same from MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, QuizgenError

CONFIG_NAME = "mkdocs.yml"
# MkDocs always loads these, whatever markdown_extensions says.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

Extension = str | dict[str, Any]


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    quizzes_dir: Path
    markdown_extensions: list[Extension] = field(default_factory=list)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's tags: !ENV takes the variable or its default; others are kept as text."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    names = loader.construct_sequence(node, deep=True)  # type: ignore[arg-type]
    for name in names[:-1]:
        if name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return suffix


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _other_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other_tag)


def read_site_config(root: Path) -> SiteConfig:
    path = root / CONFIG_NAME
    shown = CONFIG_NAME
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except FileNotFoundError:
        raise QuizgenError(
            [Problem(str(path), 0, 0, "no mkdocs.yml here", "run the command in the course folder, or give its path")]
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise QuizgenError([Problem(shown, 0, 0, f"mkdocs.yml cannot be read: {exc}")]) from None
    if not isinstance(data, dict):
        raise QuizgenError([Problem(shown, 1, 1, "mkdocs.yml must be a set of 'key: value' lines")])
    quizzes = "quizzes"
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("quizgen"), dict):
            quizzes = str(plugin["quizgen"].get("quizzes_dir", quizzes))
    extensions: list[Extension] = list(MKDOCS_BUILTIN_EXTENSIONS)
    for item in data.get("markdown_extensions") or []:
        if isinstance(item, (str, dict)):
            extensions.append(item)
    return SiteConfig(
        root=root,
        docs_dir=root / str(data.get("docs_dir") or "docs"),
        quizzes_dir=root / quizzes,
        markdown_extensions=extensions,
    )
