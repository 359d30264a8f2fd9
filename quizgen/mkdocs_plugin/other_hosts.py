"""What mkdocs.yml and the docs folder hold for the hosts that run no MkDocs
plugin (Zensical: README, "Other site generators"), set aside when the plugin
builds: it renders the quizzes itself and serves its own files.

- ``- quizgen`` under markdown_extensions: the plugin renders the quizzes,
  so the extension would put a second copy on every lesson.
- ``assets/quizgen/quizgen.js``, ``course.js`` and ``quizgen.css`` in
  extra_javascript and extra_css, and everything `quizgen prepare` wrote
  under the docs folder's ``assets/quizgen/``: the plugin writes the same
  files, named by their content's hash.
- The progress, final check and certificate pages `quizgen prepare` wrote:
  the plugin writes its own in their place.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..prepare import ASSETS_DIR, MANIFEST, SCRIPT, STYLESHEET, is_prepared
from ..site_config import OWN_EXTENSIONS


def set_aside_config(config: MkDocsConfig) -> None:
    config.markdown_extensions[:] = [name for name in config.markdown_extensions if name not in OWN_EXTENSIONS]
    for name in OWN_EXTENSIONS:
        config.mdx_configs.pop(name, None)
    config.extra_css[:] = [path for path in config.extra_css if path != STYLESHEET]
    config.extra_javascript[:] = [item for item in config.extra_javascript if str(item) not in (SCRIPT, MANIFEST)]


def set_aside_files(files: Files, generated_pages: list[str]) -> None:
    for file in list(files):
        prepared_page = file.src_uri in generated_pages and is_prepared(file.content_string)
        if prepared_page or file.src_uri.startswith(f"{ASSETS_DIR}/"):
            files.remove(file)
