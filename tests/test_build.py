"""Real `mkdocs build --strict` runs: the project, and small example courses."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import BILLION_LAUGHS, ROOT, mkdocs_build, run_capped

from quizgen import runtime
from quizgen.i18n import ENGLISH, available
from quizgen.kinds import QUESTION_TYPES

pytestmark = pytest.mark.build

LESSON_BANK = "quizzes/module/lesson.yml"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def failed(course: Path, *expected: str) -> str:
    result = mkdocs_build(course)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for text in expected:
        assert text in output, output
    return output


# --- the example course ----------------------------------------------------


def test_quiz_is_rendered_at_the_end_of_its_lesson(built_example: Path) -> None:
    html = page(built_example, "module/lesson")
    assert html.count('<form class="quizgen-quiz" data-quiz-id="module/lesson"') == 1
    assert html.index("Pick up before the third ring.") < html.index('<h2 id="check-yourself"')
    assert html.count('class="quizgen-question"') == 4
    # listed in the table of contents, after the lesson's own sections
    toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', html)
    assert toc[-1] == "check-yourself" and "answer-quickly" in toc


def test_runtime_is_served_from_the_site_itself(built_example: Path) -> None:
    script, stylesheet = runtime.script(), runtime.stylesheet()
    assert re.fullmatch(r"quizgen\.[0-9a-f]{10}\.js", script.name)
    assert (built_example / "assets/quizgen" / script.name).read_text(encoding="utf-8") == script.content
    assert (built_example / "assets/quizgen" / stylesheet.name).read_text(encoding="utf-8") == stylesheet.content
    html = page(built_example, "module/lesson")
    assert f'<script src="../../assets/quizgen/{script.name}"></script>' in html
    assert f'href="../../assets/quizgen/{stylesheet.name}"' in html


def test_the_runtime_holds_every_unit_and_kind_minified() -> None:
    every_page, more_kinds = runtime.script().content, runtime.more_kinds_script().content
    for kind in QUESTION_TYPES:
        assert f".kinds.{kind}=" in (every_page if kind in runtime.PAGE_KINDS else more_kinds), kind
    for name in ("Q.scoreQuiz=", "Q.store=", "Q.setCourse="):  # a unit of each layer, its local name shortened
        assert re.search(rf"\b\w{{1,2}}\.{name.split('.')[1]}", every_page), name
    assert "/* quizgen runtime" not in every_page + more_kinds  # comments stay in the sources
    assert every_page.startswith('(function(){"use strict";')


def gzipped(asset: runtime.Asset) -> int:
    return len(gzip.compress(asset.content.encode("utf-8"), 9))


@pytest.mark.parametrize("language", available())
def test_the_runtime_and_its_stylesheet_stay_small(language: str) -> None:
    """Learners are often on phones: what every page loads of ours, JS and CSS, at most 10 KB gzipped in
    every language; each part loaded on demand (the rarer kinds, the progress views) at most 3 KB more."""
    assert gzipped(runtime.script(language)) + gzipped(runtime.stylesheet()) <= 10 * 1024
    for part in runtime.assets(language)[2:]:
        assert gzipped(part) <= 3 * 1024, part.name


def test_no_inline_executable_script_in_the_quiz(built_example: Path) -> None:
    html = page(built_example, "module/lesson")
    start = html.index('<div class="quizgen"')
    quiz = html[start : html.index("</form>", start)]
    scripts = re.findall(r"<script\b([^>]*)>", quiz)
    assert scripts and all('type="application/json"' in attrs for attrs in scripts), scripts
    assert '<template class="quizgen-data"><script type="application/json">{"id":"module/lesson"' in quiz


def test_pages_without_a_bank_are_left_alone(built_example: Path) -> None:
    html = page(built_example, "module/other")
    assert "quizgen-quiz" not in html
    assert "<!-- quiz -->" in html  # the marker only matters on a page with a bank


def test_quizzes_stay_out_of_the_search_index(built_example: Path) -> None:
    index = json.loads((built_example / "search/search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    assert "Give the organisation" in text  # lesson text is searchable
    for secret in ("What do you say first", "Callers cannot tell whom", "Check yourself", "Letting it ring"):
        assert secret not in text


def test_see_links_name_the_heading(built_example: Path) -> None:
    html = page(built_example, "module/lesson")
    assert '<a href="#say-who-you-are">Review: Say who you are</a>' in html


# --- placement and options ----------------------------------------------------


def test_quiz_goes_where_the_lesson_has_the_marker(course: Path) -> None:
    lesson = course / "content/module/lesson.md"
    lesson.write_text(
        lesson.read_text().replace("## Answer quickly", "<!-- quiz -->\n\n## Answer quickly"),
        encoding="utf-8",
    )
    result = mkdocs_build(course)
    assert result.returncode == 0, result.stderr
    html = page(course / "site", "module/lesson")
    assert "<!-- quiz -->" not in html
    assert html.index('id="say-who-you-are"') < html.index('id="check-yourself"') < html.index('id="answer-quickly"')
    toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', html)
    assert toc.index("say-who-you-are") < toc.index("check-yourself") < toc.index("answer-quickly")


def test_quiz_heading_never_clashes_with_a_lesson_heading(course: Path) -> None:
    lesson = course / "content/module/lesson.md"
    lesson.write_text(lesson.read_text() + "\n## Check yourself\n\nThink first.\n", encoding="utf-8")
    result = mkdocs_build(course)
    assert result.returncode == 0, result.stderr
    html = page(course / "site", "module/lesson")
    assert html.count('id="check-yourself"') == 1 and 'id="check-yourself-1"' in html


def test_banks_can_live_in_another_folder(course: Path) -> None:
    (course / "quizzes").rename(course / "banks")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - quizgen\n", "  - quizgen:\n      quizzes_dir: banks\n"))
    result = mkdocs_build(course)
    assert result.returncode == 0, result.stderr
    assert "quizgen-quiz" in page(course / "site", "module/lesson")


def test_a_course_without_banks_builds(course: Path) -> None:
    (course / LESSON_BANK).unlink()
    config = course / "mkdocs.yml"
    final_check_on = "  - quizgen:\n      final_check:\n        enabled: true\n"
    config.write_text(config.read_text().replace("  - quizgen\n", final_check_on))
    result = mkdocs_build(course)
    assert result.returncode == 0, result.stderr
    assert ENGLISH("pages.final_no_checks") in page(course / "site", "final-check")


def dirty_build(course: Path) -> None:
    """`mkdocs build --dirty`: MkDocs warns that such a build is for development only, so not strict."""
    result = mkdocs_build(course, "--dirty", strict=False)
    assert result.returncode == 0, result.stderr


def written_times(site: Path) -> dict[str, int]:
    return {str(path.relative_to(site)): path.stat().st_mtime_ns for path in site.rglob("index.html")}


def test_a_dirty_build_writes_again_the_lessons_whose_banks_changed(course: Path) -> None:
    """A bank is its lesson's source too: after it changes, `--dirty` writes the lesson again, and only it."""
    assert mkdocs_build(course).returncode == 0
    site = course / "site"
    before = written_times(site)
    bank = course / LESSON_BANK
    text = bank.read_text()
    bank.write_text(text.replace("What do you say first", "What do you say at the very start"))
    past = time.time() - 3600
    os.utime(bank, (past, past))  # as copied keeping its old modification time (cp -p, tar)
    dirty_build(course)
    assert "What do you say at the very start" in page(site, "module/lesson")
    after = written_times(site)
    # the author's pages whose banks did not change are left as written (the plugin's own are always written)
    authored = ("index.html", "module/lesson/index.html", "module/other/index.html")
    assert [name for name in authored if after[name] != before[name]] == ["module/lesson/index.html"]

    # a bank added to a lesson that had none, then removed
    (course / "quizzes/module/other.yml").write_text(
        "title: Other\nquestions:\n  - id: other-one\n    type: true_false\n    prompt: New?\n    answer: true\n"
    )
    dirty_build(course)
    assert 'data-quiz-id="module/other"' in page(site, "module/other")
    (course / "quizzes/module/other.yml").unlink()
    dirty_build(course)
    assert "quizgen-quiz" not in page(site, "module/other")

    # the banks' folder moved away: no lesson keeps its quiz
    (course / "quizzes").rename(course / "elsewhere")
    dirty_build(course)
    assert "quizgen-quiz" not in page(site, "module/lesson")


# --- broken banks fail the build, naming file and line -----------------------


def test_broken_bank_fails_the_build(course: Path) -> None:
    bank = course / LESSON_BANK
    bank.write_text(bank.read_text().replace("prompt: Letting the phone", "promt: Letting the phone"))
    failed(
        course,
        f"{LESSON_BANK}:30:5: error: unknown key 'promt' (did you mean 'prompt'?",
        f"{LESSON_BANK}:28:5: error: question 3 is missing 'prompt'",
        f"quizgen: 2 problems in {LESSON_BANK}",
    )


def test_broken_bank_fails_even_without_strict(course: Path) -> None:
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("strict: true", "strict: false"))
    bank = course / LESSON_BANK
    bank.write_text(bank.read_text().replace("answer: false", "answer: perhaps"))
    result = mkdocs_build(course, "--no-strict")
    assert result.returncode != 0
    assert f"{LESSON_BANK}:31:13: error: 'answer' of question 3 must be true or false" in result.stderr


def test_an_alias_bomb_fails_the_build_at_once(course: Path) -> None:
    shutil.copy(BILLION_LAUGHS, course / LESSON_BANK)
    result, seconds = run_capped([sys.executable, "-m", "mkdocs", "build", "--strict"], course, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert (
        f"ERROR   -  {LESSON_BANK}:10:12: error: with every alias written out in full, this bank would hold more "
        "than 200,000 values: the alias '*e' here passes that limit"
    ) in output
    assert seconds < 4  # the whole build, MkDocs' start included; unguarded it ran out of memory


def test_a_bank_over_the_size_limit_fails_the_build(course: Path) -> None:
    bank = course / LESSON_BANK
    bank.write_text(bank.read_text() + "# " + "pasted by mistake " * 120_000 + "\n")
    size = bank.stat().st_size
    failed(
        course, f"{LESSON_BANK}:1:1: error: the file is {size:,} bytes; a question bank may be at most 2,000,000 bytes"
    )


def test_yaml_syntax_error_fails_the_build(course: Path) -> None:
    bank = course / LESSON_BANK
    bank.write_text(bank.read_text().replace("prompt: Letting the phone", "prompt: Note: letting the phone"))
    failed(course, f"{LESSON_BANK}:30:17: error: YAML syntax error")


def test_see_must_name_a_heading_of_the_lesson(course: Path) -> None:
    bank = course / LESSON_BANK
    bank.write_text(bank.read_text().replace('see: "#answer-quickly"', 'see: "#answer-quick"'))
    failed(
        course,
        f"{LESSON_BANK}:27:10: error: 'see' points to #answer-quick, but content/module/lesson.md has no heading "
        "with that anchor (did you mean '#answer-quickly'?)",
    )


def test_a_bank_without_a_lesson_fails(course: Path) -> None:
    (course / "quizzes/module/missing.yml").write_text((course / LESSON_BANK).read_text().replace("greet-", "x-"))
    failed(
        course,
        "quizzes/module/missing.yml:1:1: error: this bank has no lesson: content/module/missing.md does not exist",
    )


def test_duplicate_ids_across_banks_fail(course: Path) -> None:
    other = (course / LESSON_BANK).read_text().replace("greet-what-to-say", "other-first").replace('see: "#', 'x: "#')
    other = "\n".join(line for line in other.splitlines() if not line.strip().startswith("x:"))
    (course / "quizzes/module/other.yml").write_text(other, encoding="utf-8")
    failed(
        course,
        f"quizzes/module/other.yml:15:9: error: the id 'greet-good-habits' is already used ({LESSON_BANK}:16)",
    )


def test_script_in_a_bank_is_inert_text_on_the_page(course: Path) -> None:
    bank = course / LESSON_BANK
    text = bank.read_text()
    text = text.replace(
        "prompt: What do you say first when you pick up?",
        "prompt: \"<script>document.title='owned'</script> What first?\"",
    )
    text = text.replace("- text: Hello?", "- text: '<img src=x onerror=\"document.title=1\">'")
    text = text.replace(
        "explanation: A greeting tells callers that they reached the right place.",
        'explanation: "[more](javascript:alert(1)) A greeting"',
    )
    bank.write_text(text, encoding="utf-8")
    result = mkdocs_build(course)
    assert result.returncode == 0, result.stderr
    html = page(course / "site", "module/lesson")
    assert "&lt;script&gt;document.title='owned'&lt;/script&gt; What first?" in html
    assert "<script>document.title" not in html
    assert "&lt;img src=x onerror=" in html and "<img src=x" not in html
    assert "javascript:" not in html
    data = re.search(r'<template class="quizgen-data"><script type="application/json">(.*?)</script>', html, re.S)
    assert data and "<" not in data.group(1)


# --- the real course ------------------------------------------------------------


def test_the_project_builds_strict(built_project: Path) -> None:
    lessons = sorted(Path(__file__).parent.parent.joinpath("quizzes").rglob("*.yml"))
    assert lessons, "the course has question banks"
    quizzes = Path(__file__).parent.parent / "quizzes"
    for bank in lessons:
        url = bank.relative_to(quizzes).with_suffix("").as_posix()
        html = page(built_project, url)
        assert html.count('class="quizgen-quiz"') == 1, url


def test_lessons_link_to_the_previous_and_next_in_curriculum_order(built_project: Path) -> None:
    html = page(built_project, "phone-skills/taking-messages")
    previous = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--prev"', html)
    following = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"', html)
    assert previous and previous.group(1) == "../holding-and-transferring/"
    assert following and following.group(1) == "../message-pad/"


def test_the_site_makes_no_request_outside_itself(built_project: Path) -> None:
    # rel=canonical names the site's own address and is never fetched
    external = re.compile(
        r'<(?:script|img|iframe|source|link(?![^>]*rel="canonical"))\b[^>]*\b(?:src|href)="(?:https?:)?//',
        re.I,
    )
    for html_file in built_project.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert not external.search(text), html_file
    for css in built_project.rglob("*.css"):
        assert "@import url(http" not in css.read_text(encoding="utf-8"), css
    assert not list(built_project.rglob("*.woff2")), "no web fonts"


def test_printed_pages_need_no_has_selector() -> None:
    """The message pad and the certificate print the same in browsers without :has() (some still in use at work)."""
    for stylesheet in (ROOT / "content/stylesheets/course.css", ROOT / "quizgen/assets/views.css"):
        rules = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.S)
        assert ":has(" not in rules, stylesheet
