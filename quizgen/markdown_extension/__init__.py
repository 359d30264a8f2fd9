"""quizgen as a Python-Markdown extension: the adapter for site generators
that render with Python-Markdown but run no MkDocs plugin (Zensical).

List it in mkdocs.yml's ``markdown_extensions`` as ``- quizgen``. It renders
the quiz of the page being converted (the bank that belongs to the page, or
the one a ``<!-- quiz: NAME -->`` marker names where the host does not say
which page it renders) through the same core as the MkDocs plugin, and fills
the markers of the pages `quizgen prepare` writes. Where the MkDocs plugin
runs, it takes this extension out of the Markdown it renders with.
"""

from __future__ import annotations

from .extension import QuizgenExtension, makeExtension

__all__ = ["QuizgenExtension", "makeExtension"]
