"""`quizgen import gift`: Moodle GIFT files made into banks of this course.

The round trip (export the course to GIFT, import it) gives back the same
questions, answers, feedback, points and bank settings, less the calls. A
Moodle-style file (tests/fixtures/import/moodle.gift) is read as the
independent parser gift-pegjs reads it, every question it cannot take is
named with its line, and what it writes passes `quizgen check`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from test_runtime_node import node

from quizgen.cli import main
from quizgen.course import load_course
from quizgen.imports import gift_syntax

MOODLE = FIXTURES / "import" / "moodle.gift"


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def empty_course(tmp_path: Path) -> Path:
    """The project's lessons and configuration, with no banks."""
    course = tmp_path / "course"
    course.mkdir()
    shutil.copytree(ROOT / "content", course / "content")
    shutil.copy(ROOT / "mkdocs.yml", course / "mkdocs.yml")
    (course / "quizzes").mkdir()
    shutil.copy(ROOT / "quizzes" / "bank.schema.json", course / "quizzes" / "bank.schema.json")
    return course


def test_export_then_import_gives_the_same_banks_less_the_calls(tmp_path: Path) -> None:
    course = empty_course(tmp_path)
    exported = tmp_path / "course.gift"
    assert run("export", "gift", "-o", str(exported), str(ROOT)).exit_code == 0
    result = run("import", "gift", str(exported), "-o", str(course / "quizzes"), "--course", str(course))
    assert result.exit_code == 0, result.output
    original = load_course(ROOT / "quizzes", ROOT / "content")
    imported = load_course(course / "quizzes", course / "content")
    assert imported.problems == []
    calls_only = {
        lesson for lesson, quiz in original.quizzes.items() if quiz.loaded.bank.questions[0].type == "scenario"
    }
    calls_only = {lesson for lesson in calls_only if len(original.quizzes[lesson].loaded.bank.questions) == 1}
    assert set(imported.quizzes) == set(original.quizzes) - calls_only
    count = 0
    for lesson, quiz in imported.quizzes.items():
        mine, theirs = original.quizzes[lesson].loaded.bank, quiz.loaded.bank
        assert theirs.model_dump(exclude={"questions"}) == mine.model_dump(exclude={"questions"}), lesson
        kept = [q.model_dump() for q in mine.questions if q.type != "scenario"]
        assert [q.model_dump() for q in theirs.questions] == kept, lesson
        count += len(kept)
    assert f"imported {count} questions into {len(imported.quizzes)} banks; 0 skipped" in result.output
    check = run("check", str(course))
    assert check.exit_code == 0, check.output
    first = (course / "quizzes/phone-skills/taking-messages.yml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../bank.schema.json\n")


def pegjs(path: Path) -> list[dict[str, Any]]:
    out = subprocess.run(
        [node(), str(ROOT / "tests/js/parse_gift.cjs"), str(path)],
        cwd=ROOT / "tests/js",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [item for item in json.loads(out) if item["type"] != "Category"]


def test_the_gift_reader_reads_a_moodle_file_as_an_independent_parser_does() -> None:
    ours = gift_syntax.parse(MOODLE.read_text(encoding="utf-8"), "moodle.gift").records
    theirs = pegjs(MOODLE)
    assert len(ours) == len(theirs)
    kinds = {"MC": "choice", "Short": "choice", "Matching": "choice", "TF": "true_false"}
    kinds |= {"Essay": "essay", "Numerical": "numerical", "Description": "description"}
    for record, item in zip(ours, theirs, strict=True):
        assert record.kind == kinds[item["type"]], item
        assert record.name == item.get("title"), item
        if item["type"] == "TF":
            assert record.truth is item["isTrue"]
        if item["type"] in ("MC", "Short"):
            assert [a.text for a in record.answers] == [c["text"]["text"] for c in item["choices"]]
            assert [a.weight for a in record.answers] == [c["weight"] for c in item["choices"]]
            assert [a.feedback for a in record.answers] == [(c["feedback"] or {}).get("text") for c in item["choices"]]
        if item["type"] == "Matching":
            pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in item["matchPairs"]]
            assert [(a.left or "", a.text) for a in record.answers] == pairs
        if item.get("stem") and item["type"] != "Description":

            def words(text: str) -> str:  # Moodle's blank is five underscores, ours four; spacing aside
                return "".join(text.replace("<p>", "").replace("</p>", "").replace("_", "").split())

            assert words(record.text) == words(item["stem"]["text"])


def test_a_moodle_file_becomes_banks_that_pass_the_check_and_every_skip_is_named(tmp_path: Path) -> None:
    course = empty_course(tmp_path)
    result = run("import", "gift", str(MOODLE), "-o", str(course / "quizzes/imported"), "--course", str(course))
    assert result.exit_code == 0, result.output
    said = result.output
    for line, name, why in (
        (45, "Essay", "an essay question has no equivalent here"),
        (47, "Numeric", "a numerical question has no equivalent here"),
        (49, "Just some words with no answers: ...", "a description (text with no answers) is not a question"),
    ):
        assert f"moodle.gift:{line}: skipped '{name}': {why}" in said
    assert "moodle.gift:30: changed 'Spelling check': the answer 'checking' (50% in GIFT) was left out" in said
    assert "moodle.gift:51: changed 'Weights': right answers of different weights now earn equal shares" in said
    assert "imported 10 questions into 2 banks; 3 skipped" in said
    greetings = yaml.safe_load((course / "quizzes/imported/default-for-customer-care/greetings.yml").read_text())
    messages = yaml.safe_load((course / "quizzes/imported/default-for-customer-care/messages.yml").read_text())
    assert greetings["title"] == "Greetings" and messages["title"] == "Messages"
    by_id = {q["id"]: q for q in greetings["questions"] + messages["questions"]}
    assert by_id["q1-greeting"]["prompt"] == "Which greeting is **best** on a shared line?"  # HTML made Markdown
    assert by_id["q1-greeting"]["explanation"] == "Place first, then person."
    assert by_id["q1-greeting"]["options"][0] == {
        "text": "Company name, then your name",
        "correct": True,
        "feedback": "Right: the caller knows where and who.",
    }
    assert by_id["q1-greeting-2"]["type"] == "single"  # the same name twice: ids stay unique
    assert by_id["hold-time"] == {
        "id": "hold-time",
        "type": "true_false",
        "prompt": "Callers on hold lose track of time quickly.",
        "answer": True,
        "feedback": "Wrong: they do.",
        "explanation": "A minute on hold feels long.",
    }
    assert by_id["short-f"]["answer"] is False
    assert by_id["message-parts"]["type"] == "multiple"
    assert [o.get("correct", False) for o in by_id["message-parts"]["options"]] == [True, True, False, False]
    assert by_id["spelling-check"] == {
        "id": "spelling-check",
        "type": "fill_blank",
        "prompt": "Reading a number back to the caller is called ____.",
        "answers": ["confirming", "read-back"],
        "feedback": "Say it back to them.",
    }
    assert by_id["pairs"]["distractors"] == ["apologises"] and len(by_id["pairs"]["pairs"]) == 3
    assert by_id["steps"] == {
        "id": "steps",
        "type": "ordering",
        "prompt": "Put the steps in order.",
        "items": ["Greet", "Listen", "Act"],
    }
    assert by_id["escapes-and-braces"]["prompt"] == "Is 2 = 2 here ~ really? And a # sign."
    # each bank got a lesson page to write, so the course checks clean
    for name in ("greetings", "messages"):
        lesson = course / f"content/imported/default-for-customer-care/{name}.md"
        assert lesson.read_text(encoding="utf-8").startswith(f"# {name.capitalize()}\n")
        assert f"wrote content/imported/default-for-customer-care/{name}.md: a lesson page to write" in said
    check = run("check", str(course))
    assert check.exit_code == 0, check.output


def test_ids_stay_unique_across_the_course(tmp_path: Path) -> None:
    course = empty_course(tmp_path)
    shutil.copy(ROOT / "quizzes/phone-skills/taking-messages.yml", course / "quizzes/phone-skills-taken.yml")
    shutil.copy(ROOT / "content/phone-skills/taking-messages.md", course / "content/phone-skills-taken.md")
    gift = tmp_path / "clash.gift"
    gift.write_text("::messages-greeting::Which?{=a ~b}\n", encoding="utf-8")
    result = run("import", "gift", str(gift), "-o", str(course / "quizzes"), "--course", str(course))
    assert result.exit_code == 0, result.output
    bank = yaml.safe_load((course / "quizzes/clash.yml").read_text(encoding="utf-8"))
    assert bank["questions"][0]["id"] == "messages-greeting-2"
    assert run("check", str(course)).exit_code == 0


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "::a::Which?{=yes ~no\n\n::b::Next{=x ~y}\n",
            ":1:12: error: the answers that start here are never closed",
            "}",
        ),
        ("::a::Which?{yes =no}\n", ":1:13: error: an answer must start with '=' (right) or '~' (wrong)", "\\="),
        ("::a::Two{=a ~b} and {=c ~d}\n", ":1:21: error: a second answer block in one question", "{...}"),
        ("::a Which?{=a ~b}\n", ":1:1: error: the question's name is not closed with '::'", "::name::"),
    ],
)
def test_a_syntax_error_names_its_line_and_writes_nothing(tmp_path: Path, text: str, where: str, message: str) -> None:
    gift = tmp_path / "bad.gift"
    gift.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("import", "gift", str(gift), "-o", str(out), "--course", str(tmp_path))
    assert result.exit_code == 1
    assert f"bad.gift{where}" in result.output and message in result.output
    assert "Traceback" not in result.output and "nothing was imported" in result.output
    assert not out.exists()


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    gift = tmp_path / "latin.gift"
    gift.write_bytes("::a::Caf\u00e9?{=yes ~no}\n".encode())
    gift.write_bytes(b"::a::Which?{=yes ~no}\n\n::b::Caf\xe9?{=yes ~no}\n")
    result = run("import", "gift", str(gift), "-o", str(tmp_path / "out"), "--course", str(tmp_path))
    assert result.exit_code == 1
    assert "latin.gift:3:9: error: the file is not valid UTF-8 text (byte 0xe9 cannot be read)" in result.output


def test_an_existing_bank_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "greetings").mkdir(parents=True)
    (out / "greetings/basics.yaml").write_text("title: mine\n", encoding="utf-8")
    gift = tmp_path / "g.gift"
    gift.write_text("$CATEGORY: greetings/basics\n\n::a::Which?{=yes ~no}\n\n$CATEGORY: other\n\n::b::Q{=y ~n}\n")
    result = run("import", "gift", str(gift), "-o", str(out), "--course", str(tmp_path))
    assert result.exit_code == 1 and "already exists; nothing was written" in result.output
    assert (out / "greetings/basics.yaml").read_text(encoding="utf-8") == "title: mine\n"
    assert not (out / "other.yml").exists()


def test_a_question_our_rules_refuse_is_skipped_with_our_reason(tmp_path: Path) -> None:
    gift = tmp_path / "rules.gift"
    gift.write_text(
        "::no-right::Which?{~a ~b}\n\n::same::Match{=x -> one =y -> one}\n\n::fine::Which?{=a ~b}\n", encoding="utf-8"
    )
    result = run("import", "gift", str(gift), "-o", str(tmp_path / "out"), "--course", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (
        "rules.gift:1: skipped 'no-right': a multiple-choice question needs at least one correct option"
        in result.output
    )
    assert "rules.gift:3: skipped 'same': two right-hand texts are the same ('one')" in result.output
    bank = yaml.safe_load((tmp_path / "out/rules.yml").read_text(encoding="utf-8"))
    assert [q["id"] for q in bank["questions"]] == ["fine"]


def test_bank_text_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    gift = tmp_path / "h.gift"
    gift.write_text(
        "::x::[html]<p>Pick <script>alert(1)</script> one &amp; only</p>{=<b>yes</b> ~no}\n\n"
        "::y::[plain]Is 2*3 = *6*?{T}\n",
        encoding="utf-8",
    )
    result = run("import", "gift", str(gift), "-o", str(tmp_path / "out"), "--course", str(tmp_path))
    assert result.exit_code == 0, result.output
    bank = yaml.safe_load((tmp_path / "out/h.yml").read_text(encoding="utf-8"))
    html_question, plain_question = bank["questions"]
    assert html_question["prompt"] == "Pick alert(1) one & only"  # tags dropped, their text kept
    assert html_question["options"][0]["text"] == "**yes**"
    assert plain_question["prompt"] == "Is 2\\*3 = \\*6\\*?"  # plain text: Markdown's characters escaped
