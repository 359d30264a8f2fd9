"""quizgen: scored, accessible self-checks from YAML question banks.

The core (model, loading, rendering, scoring) knows nothing of any site
generator; ``quizgen.mkdocs_plugin`` adapts it to MkDocs.
"""

__version__ = "0.1.0"
