"""What quizgen needs from a course's mkdocs.yml, read without MkDocs itself:
where lessons and banks live, how Markdown is rendered (for heading anchors),
and, for hosts without MkDocs' plugins (Zensical), the navigation and the
plugin's options. Used by the command line and the Markdown extension; the
plugin gets the same from MkDocs.
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
# quizgen's own Markdown extension (quizgen/markdown_extension/): never used to render lessons for their anchors.
OWN_EXTENSIONS = ("quizgen", "quizgen.markdown_extension")

Extension = str | dict[str, Any]


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    quizzes_dir: Path
    markdown_extensions: list[Extension] = field(default_factory=list)
    config_file: Path | None = None
    site_name: str = ""
    use_directory_urls: bool = True
    nav: Any = None  # as written: a list of pages and sections, or None (every page, in file order)
    plugin_options: dict[str, Any] = field(default_factory=dict)  # the `- quizgen:` block under plugins
    extra_javascript: list[str] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    watch: list[str] = field(default_factory=list)
    own_extension: bool = False  # markdown_extensions lists quizgen's own
    theme_language: str | None = None  # theme.language: the language of the site, and of the quizzes


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


def read_site_config(root: Path, config_file: Path | None = None) -> SiteConfig:
    path = config_file or root / CONFIG_NAME
    shown = path.name
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
    options: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("quizgen"), dict):
            options = plugin["quizgen"]
    quizzes = str(options.get("quizzes_dir", "quizzes"))
    extensions: list[Extension] = list(MKDOCS_BUILTIN_EXTENSIONS)
    own = False
    for item in data.get("markdown_extensions") or []:
        if isinstance(item, (str, dict)) and set([item] if isinstance(item, str) else item) & set(OWN_EXTENSIONS):
            own = True
        elif isinstance(item, (str, dict)):
            extensions.append(item)
    return SiteConfig(
        root=root,
        docs_dir=root / str(data.get("docs_dir") or "docs"),
        quizzes_dir=root / quizzes,
        markdown_extensions=extensions,
        config_file=path,
        site_name=str(data.get("site_name") or ""),
        use_directory_urls=data.get("use_directory_urls") is not False,
        nav=data.get("nav"),
        plugin_options=options,
        extra_javascript=_paths(data.get("extra_javascript")),
        extra_css=_paths(data.get("extra_css")),
        watch=_paths(data.get("watch")),
        own_extension=own,
        theme_language=_theme_language(data.get("theme")),
    )


def _theme_language(theme: Any) -> str | None:
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) else None


def _paths(items: Any) -> list[str]:
    """A list of paths as mkdocs.yml writes them: plain strings, or mappings with a `path`."""
    found = []
    for item in items if isinstance(items, list) else []:
        path = item.get("path") if isinstance(item, dict) else item
        if isinstance(path, str):
            found.append(path)
    return found
