"""The Zensical route's parts that run without Zensical: `quizgen prepare`,
the navigation and addresses it computes the way MkDocs does, the Markdown
extension under plain Python-Markdown, and the MkDocs plugin building a
docs folder that `quizgen prepare` has written into."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from conftest import FIXTURES, mkdocs_build
from hosts import manifest, quiz_sections
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from quizgen.cli import main
from quizgen.course_settings import DEFAULTS
from quizgen.markdown_extension.extension import QuizgenBuildError
from quizgen.mkdocs_plugin.config import QuizgenConfig
from quizgen.prepare import PREPARED
from quizgen.site_nav import page_url, relative_url

PATHS = ["index.md", "a.md", "a/index.md", "a/b.md", "a/b/c.md", "README.md", "a/README.md", "a b/ç.md"]
URLS = ["./", "a/", "a/b/", "a/b/c/", "a.html", "a/b.html", "a/b/c.html", "x/y/#z"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_addresses_follow_mkdocs(directory_urls: bool) -> None:
    for path in PATHS:
        assert page_url(path, directory_urls) == File(path, "docs", "site", directory_urls).url, path


def test_links_between_pages_follow_mkdocs() -> None:
    for url in URLS:
        for other in [*URLS, "", "a/b/index.html", "progress.md", "a/b.md"]:
            assert relative_url(url, other) == get_relative_url(url, other), (url, other)


def test_the_settings_defaults_are_the_plugins() -> None:
    config = QuizgenConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert {key: config[key] for key in DEFAULTS} == DEFAULTS


def course_copy(tmp_path: Path, name: str = "progress") -> Path:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / name, project)
    return project


def test_prepare_writes_the_files_and_says_what_mkdocs_yml_lacks(tmp_path: Path) -> None:
    project = course_copy(tmp_path, "course")  # mkdocs.yml names none of the Zensical keys
    result = CliRunner().invoke(main, ["prepare", str(project)])
    assert result.exit_code == 1
    assert "wrote content/assets/quizgen/quizgen.js" in result.stdout
    assert "wrote content/progress.md" in result.stdout
    for missing in ("'markdown_extensions' does not list quizgen", "'extra_javascript' does not list", "'watch'"):
        assert missing in result.stderr
    assert "Zensical will not show the quizzes until mkdocs.yml says the above" in result.stderr
    assert PREPARED in (project / "content" / "progress.md").read_text()


def test_prepare_check_says_whether_the_docs_folder_is_up_to_date(tmp_path: Path) -> None:
    project = course_copy(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["prepare", "--check", str(project)])
    assert result.exit_code == 1
    assert "out of date: content/assets/quizgen/course.js" in result.stdout
    assert runner.invoke(main, ["prepare", str(project)]).exit_code == 0
    assert runner.invoke(main, ["prepare", "--check", str(project)]).exit_code == 0
    again = runner.invoke(main, ["prepare", str(project)])
    assert "(0 changed)" in again.stdout


def test_prepare_leaves_a_page_it_did_not_write_and_clears_old_runtime_files(tmp_path: Path) -> None:
    project = course_copy(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["prepare", str(project)]).exit_code == 0
    old = project / "content" / "assets" / "quizgen" / "quizgen-kinds.0000000000.js"
    old.write_text("old")
    assert (
        "removed content/assets/quizgen/quizgen-kinds.0000000000.js"
        in runner.invoke(main, ["prepare", str(project)]).stdout
    )
    (project / "content" / "certificate.md").write_text("# My own certificate page\n")
    result = runner.invoke(main, ["prepare", str(project)])
    assert result.exit_code == 1
    assert "content/certificate.md: error: this page exists and quizgen did not write it" in result.stderr
    assert (project / "content" / "certificate.md").read_text() == "# My own certificate page\n"


def test_prepare_refuses_a_broken_bank(tmp_path: Path) -> None:
    project = course_copy(tmp_path)
    bank = project / "quizzes" / "calls" / "holding.yml"
    bank.write_text(bank.read_text().replace("type: single", "type: singel", 1))
    result = CliRunner().invoke(main, ["prepare", str(project)])
    assert result.exit_code == 1
    assert re.search(r"quizzes/calls/holding\.yml:\d+:\d+: error: ", result.stderr)
    assert not (project / "content" / "assets").exists()


@pytest.mark.build
def test_without_a_nav_the_manifest_is_the_plugins(tmp_path: Path) -> None:
    """MkDocs lists every page itself when mkdocs.yml has no nav: prepare must list them the same way."""
    project = course_copy(tmp_path, "course")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"\nnav:\n(  .*\n)+", "\n", config.read_text() + "\n"))
    assert "nav:" not in config.read_text()
    CliRunner().invoke(main, ["prepare", str(project)])
    prepared = (project / "content" / "assets" / "quizgen" / "course.js").read_text()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert manifest(project / "site") == prepared


@pytest.mark.build
def test_the_plugin_sets_the_prepared_files_aside(tmp_path: Path) -> None:
    project = course_copy(tmp_path)
    assert CliRunner().invoke(main, ["prepare", str(project)]).exit_code == 0
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    lesson = (site / "calls" / "answering" / "index.html").read_text()
    assert len(quiz_sections(lesson)) == 1  # the extension is set aside: no second quiz
    assert "assets/quizgen/quizgen.js" not in lesson and "assets/quizgen/course.js" not in lesson
    assert not (site / "assets" / "quizgen" / "quizgen.js").exists()
    assert re.search(r'src="\.\./\.\./assets/quizgen/quizgen\.[0-9a-f]{10}\.js"', lesson)
    progress = (site / "progress" / "index.html").read_text()
    assert "quizgen:prepared" not in progress and progress.count('data-quizgen="progress"') == 4


def convert(text: str, **options: str) -> str:
    config = {"config_file": str(FIXTURES / "progress" / "mkdocs.yml"), **options}
    return markdown.Markdown(extensions=["toc", "quizgen"], extension_configs={"quizgen": config}).convert(text)


def test_plain_markdown_renders_the_bank_a_marker_names() -> None:
    html = convert("# A lesson\n\n## The lesson\n\n<!-- quiz: calls/answering -->\n\nAfter the quiz.\n")
    (quiz,) = quiz_sections(html)
    assert 'data-quiz-id="calls/answering"' in quiz
    assert html.index("data-quiz-id") < html.index("After the quiz.")
    assert '<a href="#the-lesson">Review: The lesson</a>' in quiz
    assert convert("# No quiz here\n") == '<h1 id="no-quiz-here">No quiz here</h1>'


def test_plain_markdown_cannot_find_an_unnamed_markers_bank() -> None:
    with pytest.raises(QuizgenBuildError, match="1 problem in this page"):
        convert("# A lesson\n\n<!-- quiz -->\n")
    shown = convert("# A lesson\n\n<!-- quiz -->\n", on_error="show")
    assert "This self-check cannot be shown: quizgen found a problem" in shown
    assert "name the bank: &lt;!-- quiz: path/of/the/bank --&gt;" in shown
    shown = convert("<!-- quiz: calls/nothing -->\n", on_error="show")
    assert "the quiz marker names the bank &#x27;calls/nothing&#x27;, which is not a bank of this course" in shown
