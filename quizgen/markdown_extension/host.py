"""What the site generator tells an extension about the page it renders.

Zensical (0.0.x) registers a preprocessor named ``rendering_context`` whose
``page`` carries the page's source path (under the docs folder), and whose
``config`` carries the project's folder. Plain Python-Markdown
tells nothing: the page's path is unknown there.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from markdown import Markdown

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


@dataclass(frozen=True)
class PageContext:
    host: str  # "zensical", or "markdown" when nothing is known
    path: str | None = None  # "phone-skills/taking-messages.md"
    root: Path | None = None  # the folder of the site's configuration


def page_context(md: Markdown) -> PageContext:
    for processor in md.preprocessors:
        if getattr(processor, "name", None) != "rendering_context":
            continue
        page: Any = getattr(processor, "page", None)
        config: Any = getattr(processor, "config", None)
        path = getattr(page, "path", None)
        root = config.get("root_dir") if isinstance(config, dict) else None
        return PageContext(
            "zensical",
            PurePosixPath(path).as_posix() if isinstance(path, str) and path else None,
            Path(root) if isinstance(root, str) and root else None,
        )
    return PageContext("markdown")


def config_file(context: PageContext, configured: str) -> Path:
    """The mkdocs.yml whose quizgen options apply: the extension's own option, the host's folder, the current one."""
    if configured:
        return Path(configured).resolve()
    folder = context.root or Path.cwd()
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return (folder / name).resolve()
    return (folder / CONFIG_NAMES[0]).resolve()


def serving() -> bool:
    """Whether the command line is a preview server's (`zensical serve`): a raised error would stop it."""
    return len(sys.argv) > 1 and sys.argv[1] == "serve"
