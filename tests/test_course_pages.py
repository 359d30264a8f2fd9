"""The course's own pages (progress, final check, certificate), the manifest
the runtime reads, the pooled final-check bank, and the plugin's options for
those pages, the last through real ``mkdocs build --strict`` runs."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import FIXTURES, mkdocs_build

from quizgen.attempt import Group, plan
from quizgen.course_pages import (
    FINAL_ID,
    CourseMap,
    Lesson,
    Module,
    certificate,
    continue_link,
    course_key,
    fill_markers,
    manifest_script,
    progress_course,
    progress_final,
    progress_markdown,
    progress_module,
)
from quizgen.final_check import FinalLesson, Spool, final_bank, final_check_html, final_lesson_html
from quizgen.model import Bank
from quizgen.render import QuizMarkup, render_quiz

# ---- course_key ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Customer service on the phone and off it", "customer-service-on-the-phone-and-off-it"),
        ("A short course", "a-short-course"),
        ("Café à la carte: Über-Kurs, 2nd édition", "cafe-a-la-carte-uber-kurs-2nd-edition"),
        ("  Ørsted & Æther — ñandú  ", "rsted-ther-nandu"),
        ("\uff26\uff35\uff2c\uff2c width", "full-width"),  # full-width letters
        ("C++ / C# (basics)", "c-c-basics"),
        ("", "course"),
        ("   ", "course"),
        ("!!! ???", "course"),
        ("日本語のコース", "course"),
        ("---", "course"),
    ],
)
def test_course_key(name: str, key: str) -> None:
    assert course_key(name) == key


def test_course_key_is_at_most_60_characters_of_lower_case_and_dashes() -> None:
    for name in ("A" * 200, "word " * 40, "Ünïcödé " * 20, "x" + "-" * 100 + "y"):
        key = course_key(name)
        assert 0 < len(key) <= 60, name
        assert re.fullmatch(r"[a-z0-9-]+", key), key
        assert not key.startswith("-")
    assert course_key("A" * 200) == "a" * 60


# ---- final_bank ----------------------------------------------------------


def single(qid: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "type": "single",
        "prompt": f"Pick the right one ({qid}).",
        "options": [{"text": "right", "correct": True}, {"text": "wrong"}, {"text": "also wrong"}],
        **extra,
    }


def bank(title: str, ids: list[str], **extra: Any) -> Bank:
    return Bank.model_validate({"title": title, "questions": [single(qid) for qid in ids], **extra})


def lessons() -> list[tuple[str, Bank]]:
    strict = Bank.model_validate(
        {
            "title": "Holding a call",
            "hint_penalty": 0.5,
            "shuffle_options": False,
            "questions": [
                single("hold-one", hints=["Think."]),
                single("hold-two", hint_penalty=0.25, shuffle_options=True),
                {"id": "hold-three", "type": "true_false", "prompt": "Holding is fine.", "answer": True},
            ],
        }
    )
    return [
        ("calls/answering", bank("Answering", ["answer-one", "answer-two", "answer-three", "answer-four"])),
        ("calls/holding", strict),
        ("culture/ownership", bank("Ownership", ["own-one"], pass_mark=100, mode="exam")),
    ]


def test_final_bank_pools_every_question_in_order_with_a_group_per_lesson() -> None:
    pooled, groups = final_bank(lessons(), title="Final check", per_lesson=2, pass_mark=75)
    assert [q.id for q in pooled.questions] == [
        "answer-one",
        "answer-two",
        "answer-three",
        "answer-four",
        "hold-one",
        "hold-two",
        "hold-three",
        "own-one",
    ]
    assert groups == [Group("calls/answering", 4, 2), Group("calls/holding", 3, 2), Group("culture/ownership", 1, 1)]
    assert pooled.title == "Final check"
    assert pooled.mode == "exam"
    assert pooled.shuffle is True
    assert pooled.pass_mark == 75
    assert pooled.draw is None


def test_final_bank_keeps_each_questions_own_banks_hint_penalty_and_option_shuffling() -> None:
    pooled, _ = final_bank(lessons(), title="Final check", per_lesson=2, pass_mark=80)
    by_id = {q.id: q for q in pooled.questions}
    # the strict lesson's bank: hint penalty 0.5, options in the written order
    assert by_id["hold-one"].hint_penalty == 0.5
    assert getattr(by_id["hold-one"], "shuffle_options", None) is False
    assert pooled.hint_penalty_of(by_id["hold-one"]) == 0.5
    assert pooled.shuffles_options(by_id["hold-one"]) is False
    # a question's own settings win over its bank's
    assert by_id["hold-two"].hint_penalty == 0.25
    assert pooled.shuffles_options(by_id["hold-two"]) is True
    # a kind without options to shuffle gets only the penalty
    assert by_id["hold-three"].hint_penalty == 0.5
    assert "shuffle_options" not in type(by_id["hold-three"]).model_fields
    # the other lessons' defaults: no penalty, options shuffled
    for qid in ("answer-one", "own-one"):
        assert pooled.hint_penalty_of(by_id[qid]) == 0
        assert pooled.shuffles_options(by_id[qid]) is True
    # the lessons' own banks are left as they were
    original = lessons()[1][1].questions[0]
    assert original.hint_penalty is None
    assert getattr(original, "shuffle_options", None) is None


@pytest.mark.parametrize("per_lesson", [1, 2, 3, 10])
def test_every_attempt_at_the_final_check_draws_per_lesson_from_each_lesson(per_lesson: int) -> None:
    source = lessons()
    pooled, groups = final_bank(source, title="Final check", per_lesson=per_lesson, pass_mark=80)
    owner = {q.id: quiz_id for quiz_id, lesson in source for q in lesson.questions}
    orders = set()
    for seed in (0, 1, 2, 7, 42, 1234, 99999, 2**31, 2**32 - 1):
        attempt = plan(pooled, seed, groups)
        assert len(set(attempt.questions)) == len(attempt.questions)
        for quiz_id, lesson in source:
            drawn = [qid for qid in attempt.questions if owner[qid] == quiz_id]
            assert len(drawn) == min(per_lesson, len(lesson.questions)), (seed, quiz_id)
        # options stay in the written order where the lesson's bank says so
        assert "hold-one" not in attempt.orders
        assert "hold-three" not in attempt.orders
        orders.add(tuple(attempt.questions))
    assert len(orders) > 1  # the draw and the order change with the seed


@pytest.mark.parametrize(("per_lesson", "pass_mark"), [(2, 75), (10, 80.5)])
@pytest.mark.parametrize("kept", [(), ("calls/holding", "calls/messages")])
def test_the_final_check_written_lesson_by_lesson_is_the_pooled_banks_quiz(
    per_lesson: int, pass_mark: float, kept: tuple[str, ...]
) -> None:
    """The plugin writes the final check one lesson at a time, from what each lesson's page kept of it
    (``kept``) or else from its bank: the same markup as the pooled bank's."""
    linked = Bank.model_validate(
        {
            "title": "Taking messages",
            "questions": [
                single("message-one", see="#what-to-write", points=2, explanation="Write it <down>."),
                {"id": "message-two", "type": "fill_blank", "prompt": "Ask them to ____ it.", "answers": ["spell"]},
                {"id": "message-three", "type": "ordering", "prompt": "In order.", "items": ["First", "Then"]},
            ],
        }
    )
    source = [*lessons(), ("calls/messages", linked)]
    anchors = {
        quiz_id: {"what-to-write": "What to write"} if quiz_id == "calls/messages" else {} for quiz_id, _ in source
    }
    pooled, groups = final_bank(source, title="Final *check*", per_lesson=per_lesson, pass_mark=pass_mark)
    whole = render_quiz(
        pooled,
        FINAL_ID,
        heading="The questions",
        heading_id="the-questions",
        groups=groups,
        lessons={q.id: (f"../{quiz_id}/", anchors[quiz_id]) for quiz_id, bank in source for q in bank.questions},
    )
    spool = Spool()
    first = 1
    for quiz_id, bank in source:
        if quiz_id in kept:
            # as the plugin holds it from loading to the lesson's page: packed
            markup = QuizMarkup.unpacked(QuizMarkup(bank).packed())
            pool = len(pooled.questions)
            spool.put(quiz_id, final_lesson_html(markup, first, pool, f"../{quiz_id}/", anchors[quiz_id]))
        first += len(bank.questions)
    fetched: list[str] = []

    def fetch(quiz_id: str, bank: Bank) -> QuizMarkup:
        fetched.append(quiz_id)
        return QuizMarkup.unpacked(QuizMarkup(bank).packed())

    def kept_of(quiz_id: str) -> tuple[str, str] | None:
        found = spool.get(quiz_id)
        return (found[0], found[1]) if found else None

    written = final_check_html(
        FINAL_ID,
        [
            FinalLesson(
                quiz_id,
                len(bank.questions),
                bank.max_points,
                lambda quiz_id=quiz_id, bank=bank: fetch(quiz_id, bank),  # type: ignore[misc]
                f"../{quiz_id}/",
                anchors[quiz_id],
                lambda quiz_id=quiz_id: kept_of(quiz_id),  # type: ignore[misc]
            )
            for quiz_id, bank in source
        ],
        title="Final *check*",
        per_lesson=per_lesson,
        pass_mark=pass_mark,
        heading="The questions",
        heading_id="the-questions",
    )
    assert "".join(written) == whole
    assert fetched == [quiz_id for quiz_id, _ in source if quiz_id not in kept]  # each other bank once, in order
    spool.close()


def test_the_spool_gives_back_what_it_was_given() -> None:
    spool = Spool()
    assert spool.get("a") is None
    spool.put("a", ["caf\u00e9 \u2014 <b>", ""])
    spool.put("b", ["\U0001f600", "x" * 100_000])
    spool.put("a", ["again", "y"])  # a later put wins
    assert spool.get("b") == ("\U0001f600", "x" * 100_000)
    assert spool.get("a") == ("again", "y")
    spool.close()
    assert spool.get("a") is None


def test_fill_markers_replaces_the_named_markers_in_one_pass() -> None:
    calls: list[str] = []

    def fill(name: str) -> Callable[[], str]:
        def filled() -> str:
            calls.append(name)
            return f"[{name}]"

        return filled

    content = (
        "<p>a</p><!-- quizgen:quiz --><!-- quizgen:other --><!-- quizgen:progress-module 1 -->"
        "<!-- quizgen:quiz --> <!-- quizgen:quiz<!-- quizgen:continue -->"
    )
    filled = fill_markers(content, {name: fill(name) for name in ("quiz", "continue", "progress-module 1")})
    assert filled == ("<p>a</p>[quiz]<!-- quizgen:other -->[progress-module 1][quiz] <!-- quizgen:quiz[continue]")
    assert calls == ["quiz", "progress-module 1", "continue"]  # once per name
    assert fill_markers("<p>no markers</p>", {"quiz": fill("quiz")}) == "<p>no markers</p>"
    assert fill_markers("<!-- quizgen:quiz", {"quiz": fill("quiz")}) == "<!-- quizgen:quiz"


# ---- the manifest --------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script>"


def course_map(**changes: Any) -> CourseMap:
    values: dict[str, Any] = {
        "title": "A short course",
        "key": "a-short-course",
        "modules": [
            Module("Calls", [Lesson("calls/answering", "Answering calls", "calls/answering/")]),
            Module(None, [Lesson("intro", HOSTILE, "intro/"), Lesson("culture/ownership", "Ownership", "own/")]),
        ],
        "final": Lesson(FINAL_ID, "Final check", "final-check/"),
        "progress_url": "progress/",
        "certificate_url": "certificate/",
    }
    return CourseMap(**{**values, **changes})


def manifest_data(script: str) -> Any:
    found = re.fullmatch(r"/\*[^\n]*\*/\nwindow\.QuizGen && window\.QuizGen\.setCourse\((.*)\);\n", script, re.DOTALL)
    assert found, script
    return json.loads(found.group(1))


def test_the_manifest_cannot_close_its_script_element() -> None:
    script = manifest_script(course_map(title=f"Course {HOSTILE} <!-- & -->"))
    assert "<" not in script
    assert ">" not in script.replace("*/", "")
    assert "script>" not in script.lower()
    data = manifest_data(script)
    assert data["title"] == f"Course {HOSTILE} <!-- & -->"
    assert data["lessons"][1]["title"] == HOSTILE


def test_the_manifest_lists_the_lessons_in_order_and_the_final_check_last() -> None:
    script = manifest_script(course_map())
    data = manifest_data(script)
    assert data == {
        "title": "A short course",
        "key": "a-short-course",
        "lessons": [
            {"id": "calls/answering", "title": "Answering calls", "url": "calls/answering/"},
            {"id": "intro", "title": HOSTILE, "url": "intro/"},
            {"id": "culture/ownership", "title": "Ownership", "url": "own/"},
        ],
        "final": {"id": FINAL_ID, "title": "Final check", "url": "final-check/"},
        "progress": "progress/",
        "certificate": "certificate/",
    }
    assert list(data) == ["title", "key", "lessons", "final", "progress", "certificate"]
    assert [lesson.quiz_id for lesson in course_map().required] == [
        "calls/answering",
        "intro",
        "culture/ownership",
        FINAL_ID,
    ]


def test_the_manifest_without_a_final_check_or_pages() -> None:
    data = manifest_data(manifest_script(course_map(final=None, progress_url=None, certificate_url=None)))
    assert data["final"] is None
    assert data["progress"] is None
    assert data["certificate"] is None
    assert course_map(final=None).required[-1].quiz_id == "culture/ownership"


# ---- the pages' HTML -----------------------------------------------------

ODD_ID = 'quiz"><img src=x onerror=alert(1)>'
ODD_TITLE = "Tom & Jerry's <b>calls</b>"
ODD_URL = 'odd"url/'


def odd_course() -> CourseMap:
    return CourseMap(
        title=f"Course {HOSTILE}",
        key="course",
        modules=[Module("Calls <i>", [Lesson(ODD_ID, ODD_TITLE, ODD_URL)])],
        final=Lesson(FINAL_ID, f"Final {HOSTILE}", "final/"),
        progress_url="progress/",
        certificate_url="certificate/",
    )


def link(url: str) -> str:
    return "../" + url


@pytest.mark.parametrize(
    "page",
    [
        lambda course: progress_course(course, link),
        lambda course: progress_module(course, 0, link),
        lambda course: progress_final(course, link),
        lambda course: certificate(course, link),
        lambda course: continue_link(course, link),
    ],
    ids=["progress-course", "progress-module", "progress-final", "certificate", "continue"],
)
def test_the_pages_escape_titles_and_quiz_ids(page: Any) -> None:
    text = page(odd_course())
    for raw in ("<img", "<script", "</script", "<b>", "<i>", '"><img', "Tom & Jerry"):
        assert raw not in text, raw


def test_the_escaped_values_read_back_as_written() -> None:
    text = progress_module(odd_course(), 0, link) + certificate(odd_course(), link)
    ids = {html.unescape(found) for found in re.findall(r'data-quiz-id="([^"]*)"', text)}
    assert ids == {ODD_ID, FINAL_ID}
    assert html.escape(ODD_TITLE) in text
    assert f'href="{html.escape("../" + ODD_URL)}"' in text
    assert html.escape(f"Course {HOSTILE}") in certificate(odd_course(), link)
    assert html.escape("Calls <i>") in progress_module(odd_course(), 0, link)


def test_the_progress_and_certificate_rows_follow_the_course() -> None:
    course = course_map()
    module = progress_module(course, 1, link)
    assert re.findall(r'data-quiz-id="([^"]*)"', module) == [html.escape("intro"), "culture/ownership"]
    assert 'max="2"' in module
    assert "Lessons:" in module  # lessons outside any section
    assert re.findall(r'data-quiz-id="([^"]*)"', progress_final(course, link)) == [FINAL_ID]
    assert progress_final(course_map(final=None), link) == ""
    todo = certificate(course, link).split('<ul class="quizgen-todo">')[1].split("</ul>")[0]
    assert re.findall(r'data-quiz-id="([^"]*)"', todo) == ["calls/answering", "intro", "culture/ownership", FINAL_ID]
    assert 'max="4"' in progress_course(course, link)
    assert continue_link(CourseMap("Empty", "empty", []), link) == ""


MKDOCS_MARKDOWN = ["toc", "tables", "fenced_code"]  # what MkDocs always loads


@pytest.mark.parametrize(
    "title",
    [
        "Calls *and* [links](x) #1",
        "<b>bold</b> & <!-- not a comment -->",
        "Q&amp;A: `code`, _under_ \\ back | pipe",
        "1. Not a list",
        "- not a list either",
        "> not a quote",
        "Plain title",
    ],
)
def test_the_progress_page_shows_module_titles_as_written(title: str) -> None:
    text = progress_markdown("My progress", [title, None], f"Final {title}")
    rendered = markdown.markdown(text, extensions=MKDOCS_MARKDOWN)
    headings = [html.unescape(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", rendered)]
    assert headings == [title, f"Final {title}", "Your progress in this browser"]
    # the markers are where the tables go, one per module, the lessons outside a section included
    for marker in ("progress-course", "progress-module 0", "progress-module 1", "progress-final", "progress-tools"):
        assert f"<!-- quizgen:{marker} -->" in rendered


def test_the_progress_page_without_a_final_check() -> None:
    text = progress_markdown("My progress", ["Calls"], None)
    assert "progress-final" not in text
    assert text.startswith("# My progress\n")


# ---- the plugin's options, through real builds ----------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", target)
    return target


def configure(project: Path, options: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - quizgen:\n" in text
    config.write_text(text.replace("  - quizgen:\n", "  - quizgen:\n" + options), encoding="utf-8")


def output(result: subprocess.CompletedProcess[str]) -> str:
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text
    return text


def manifest(site: Path) -> Any:
    (script,) = (site / "assets" / "quizgen").glob("course.*.js")
    return manifest_data(script.read_text(encoding="utf-8"))


def listed_in_nav(page: Path, url: str) -> bool:
    return f'href="{url}" class="md-nav__link' in page.read_text(encoding="utf-8")


@pytest.mark.build
def test_the_default_build_lists_the_course_pages(project: Path) -> None:
    result = mkdocs_build(project)
    assert result.returncode == 0, output(result)
    output(result)
    site = project / "site"
    assert listed_in_nav(site / "index.html", "progress/")
    assert listed_in_nav(site / "index.html", "final-check/")
    assert 'data-quizgen="progress"' in (site / "progress" / "index.html").read_text(encoding="utf-8")
    data = manifest(site)
    assert data["key"] == "a-short-course"
    assert [lesson["id"] for lesson in data["lessons"]] == ["calls/answering", "calls/holding", "culture/ownership"]
    assert data["final"] == {"id": FINAL_ID, "title": "Final check", "url": "final-check/"}
    assert (data["progress"], data["certificate"]) == ("progress/", "certificate/")


@pytest.mark.build
@pytest.mark.parametrize("path", ["notes.txt", "/progress.md", "../progress.md"])
def test_a_progress_path_that_is_not_a_page_is_an_error_naming_the_option(project: Path, path: str) -> None:
    configure(project, f"      progress:\n        path: {path}\n")
    result = mkdocs_build(project)
    text = output(result)
    assert result.returncode == 1, text
    assert f"quizgen: 'progress: path: {path}' must be a page of its own inside the docs folder, ending in .md" in text
    assert "progress.md" in text
    assert not (project / "site").exists()


@pytest.mark.build
def test_two_pages_at_one_path_is_an_error(project: Path) -> None:
    configure(project, "      certificate:\n        path: progress.md\n")
    result = mkdocs_build(project)
    text = output(result)
    assert result.returncode == 1, text
    assert "quizgen: 'certificate: path: progress.md' must be a page of its own" in text


@pytest.mark.build
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("per_lesson: 0", "quizgen: 'final_check: per_lesson' must be 1 or more"),
        ("per_lesson: -2", "quizgen: 'final_check: per_lesson' must be 1 or more"),
        ("pass_mark: 101", "quizgen: 'final_check: pass_mark' must be a percentage from 0 to 100"),
    ],
)
def test_final_check_numbers_out_of_range_are_plain_errors(project: Path, options: str, message: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    key = options.split(":")[0]
    text = re.sub(rf"        {key}: \S+\n", "", text)
    config.write_text(text.replace("        enabled: true\n", f"        enabled: true\n        {options}\n"), "utf-8")
    result = mkdocs_build(project)
    text = output(result)
    assert result.returncode == 1, text
    assert message in text


@pytest.mark.build
def test_per_lesson_of_the_wrong_type_is_mkdocs_own_config_error(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("per_lesson: 1", "per_lesson: two"), "utf-8")
    result = mkdocs_build(project)
    text = output(result)
    assert result.returncode == 1, text
    assert "per_lesson" in text


@pytest.mark.build
def test_an_existing_progress_page_is_an_error_naming_the_file_and_the_fix(project: Path) -> None:
    (project / "content" / "progress.md").write_text("# My own notes\n", encoding="utf-8")
    result = mkdocs_build(project)
    text = output(result)
    assert result.returncode == 1, text
    assert "quizgen: content/progress.md already exists, and quizgen writes its progress page there" in text
    assert "set 'progress: path:' in mkdocs.yml to another file, or 'progress: enabled: false'" in text


@pytest.mark.build
def test_an_existing_page_is_fine_once_the_progress_page_moves(project: Path) -> None:
    (project / "content" / "progress.md").write_text("# My own notes\n", encoding="utf-8")
    configure(project, "      progress:\n        path: learner/progress.md\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, output(result)
    site = project / "site"
    assert "My own notes" in (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert 'data-quizgen="progress"' in (site / "learner" / "progress" / "index.html").read_text(encoding="utf-8")
    assert manifest(site)["progress"] == "learner/progress/"


@pytest.mark.build
def test_progress_nav_none_builds_the_page_without_listing_it(project: Path) -> None:
    configure(project, "      progress:\n        nav: none\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, output(result)
    site = project / "site"
    page = (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert 'data-quizgen="progress"' in page
    assert "<title>My progress - A short course</title>" in page
    for listed in ("index.html", "calls/answering/index.html", "progress/index.html"):
        assert not listed_in_nav(site / listed, "progress/"), listed
        assert not listed_in_nav(site / listed, "../progress/"), listed
        assert not listed_in_nav(site / listed, "../../progress/"), listed
    assert listed_in_nav(site / "index.html", "certificate/")
    # the runtime still knows where the page is
    assert manifest(site)["progress"] == "progress/"


@pytest.mark.build
def test_final_check_nav_none_is_still_the_courses_final_check(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        pass_mark: 50\n", "        pass_mark: 50\n        nav: none\n"), "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, output(result)
    site = project / "site"
    assert not listed_in_nav(site / "index.html", "final-check/")
    assert f'data-quiz-id="{FINAL_ID}"' in (site / "certificate" / "index.html").read_text(encoding="utf-8")
    assert f'data-quiz-id="{FINAL_ID}"' in (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert manifest(site)["final"] == {"id": FINAL_ID, "title": "Final check", "url": "final-check/"}


@pytest.mark.build
def test_progress_disabled_builds_no_progress_page(project: Path) -> None:
    configure(project, "      progress:\n        enabled: false\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, output(result)
    site = project / "site"
    assert not (site / "progress").exists()
    assert not listed_in_nav(site / "index.html", "progress/")
    assert "My progress" not in (site / "index.html").read_text(encoding="utf-8")
    assert manifest(site)["progress"] is None
    # the other pages are unaffected
    assert (site / "certificate" / "index.html").is_file()
    assert (site / "final-check" / "index.html").is_file()


def add_final_option(project: Path, option: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        enabled: true\n", f"        enabled: true\n{option}", 1), "utf-8")


@pytest.mark.build
def test_a_skipped_lesson_is_not_drawn_into_the_final_check_but_still_counts(project: Path) -> None:
    add_final_option(project, "        skip:\n          - culture/ownership.md\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, output(result)
    final = (project / "site" / "final-check" / "index.html").read_text(encoding="utf-8")
    assert 'data-question-id="greet-one"' in final and 'data-question-id="hold-one"' in final
    assert 'data-question-id="own-one"' not in final
    assert "2 questions, 1 from each lesson&#x27;s check" in final or "2 questions, 1 from each lesson's check" in final
    data = manifest(project / "site")
    assert "culture/ownership" in [lesson["id"] for lesson in data["lessons"]]  # passing it still counts


@pytest.mark.build
def test_skipping_a_page_that_is_not_a_lesson_with_a_check_is_an_error(project: Path) -> None:
    add_final_option(project, "        skip:\n          - culture/owner.md\n")
    result = mkdocs_build(project)
    text = output(result)
    assert result.returncode == 1, text
    assert "quizgen: 'final_check: skip' lists culture/owner.md, which is not a lesson with a check" in text


@pytest.mark.build
def test_an_authors_page_can_show_the_final_check_too(project: Path) -> None:
    """The final check on a page of the author's: as on the plugin's own page, each question linking to its
    lesson's heading by name (the build keeps the lessons' anchors for it)."""
    (project / "content" / "practice.md").write_text("# Practice\n\n<!-- quizgen:final-check -->\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - Home: index.md\n", "  - Home: index.md\n  - practice.md\n"),
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, output(result)

    def final_check(url: str) -> str:
        page = (project / "site" / url / "index.html").read_text(encoding="utf-8")
        start = page.index('<form class="quizgen-quiz" data-quiz-id="_final"')
        return page[start : page.index("</form>", start)]

    shown = final_check("practice")
    assert shown == final_check("final-check")  # pages at the same depth: the same links
    assert shown.count('<a href="../calls/answering/#the-lesson">Review: The lesson</a>') == 1


# An MkDocs hook (a real MkDocs mechanism) doing what an HTML minifier told to remove comments does.
STRIP_COMMENTS_HOOK = """\
import re


def on_post_page(output, page, config):
    return re.sub(r"<!--.*?-->", "", output, flags=re.S)
"""


@pytest.mark.build
def test_a_plugin_that_strips_comments_from_the_final_check_page_fails_the_build_with_the_fix(project: Path) -> None:
    """The final check is written into its page after the build (a large course's would double the build's
    memory as a page): a plugin that removes its placeholder must not leave the page silently empty."""
    (project / "strip_comments.py").write_text(STRIP_COMMENTS_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - strip_comments.py\n", "utf-8")
    result = mkdocs_build(project)
    text = output(result)
    assert result.returncode == 1, text
    assert "quizgen: the final check could not be written into " in text
    assert "final-check/index.html" in text
    assert "let it keep comments (mkdocs-minify-plugin: htmlmin_opts: remove_comments: false)" in text
