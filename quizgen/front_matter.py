"""A lesson page's front matter: the YAML block between '---' lines that
MkDocs reads as page settings, not as text."""

from __future__ import annotations

import re
from typing import Any

import yaml

_BLOCK = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)


def split(text: str) -> tuple[dict[str, Any], str]:
    """The page's settings (empty when absent or unreadable) and the Markdown after them."""
    match = _BLOCK.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]
