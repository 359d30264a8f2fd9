"""`quizgen export qti`: an IMS QTI 2.1 content package, read by independent parties.

- our own reading: every file is XML in the QTI 2.1 (or content package)
  namespace, each item has the interaction of its kind, and the manifest
  lists exactly the package's files;
- citolab-qti-convert (PyPI) reads the whole package and upgrades it to
  QTI 3.0 without a warning, keeping every item;
- the upgraded items are scored by a real QTI player, @citolab/qti-components
  (npm), in Chromium: its response processing gives the shared scoring
  vectors, and every question of the course, the same points as our scoring.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, StaticServer
from playwright.sync_api import Browser, Page
from qti_convert import upgrade_package

from quizgen.cli import main
from quizgen.course import load_course
from quizgen.exports import qti
from quizgen.model import (
    Bank,
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from quizgen.rules import normalise

PLAYER = ROOT / "tests/js/node_modules/@citolab/qti-components/cdn/index.global.js"
VECTORS = json.loads((ROOT / "tests/vectors/scoring.json").read_text(encoding="utf-8"))
INTERACTION = {
    SingleQuestion: "choiceInteraction",
    MultipleQuestion: "choiceInteraction",
    TrueFalseQuestion: "choiceInteraction",
    FillBlankQuestion: "textEntryInteraction",
    OrderingQuestion: "orderInteraction",
    MatchingQuestion: "matchInteraction",
}
QTI = f"{{{qti.QTI}}}"
CP = f"{{{qti.CP}}}"
HOST = """<!doctype html><html><head><meta charset="utf-8"><title>QTI player</title>
<script src="qti.js"></script>
<script>
// Each item is made anew for each response, given it, and scored by the player's own response processing.
window.play = async (items) => {
  const host = document.getElementById("host");
  const results = [];
  for (const { xml, responses } of items) {
    const scores = [];
    for (const response of responses) {
      host.replaceChildren(QtiComponents.qtiTransformItem().parse(xml).htmlDoc());
      const item = host.querySelector("qti-assessment-item");
      await customElements.whenDefined("qti-assessment-item");
      await item.updateComplete;
      if (response !== null) item.updateResponseVariable("RESPONSE", response);
      item.processResponse();
      const feedback = [...item.querySelectorAll("qti-outcome-declaration")]
        .map((declared) => item.getOutcome(declared.getAttribute("identifier")))
        .filter((outcome) => outcome.identifier.startsWith("FEEDBACK-") && outcome.value)
        .map((outcome) => outcome.value);
      scores.push({ score: Number(item.getOutcome("SCORE").value), feedback });
    }
    results.push(scores);
  }
  return results;
};
</script></head><body><div id="host"></div></body></html>
"""


def course_questions() -> dict[str, tuple[Question, Bank]]:
    course = load_course(ROOT / "quizzes", ROOT / "content")
    return {q.id: (q, quiz.loaded.bank) for quiz in course.quizzes.values() for q in quiz.loaded.bank.questions}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("qti") / "course-qti.zip"
    result = CliRunner().invoke(main, ["export", "qti", "-o", str(output), str(ROOT)])
    assert result.exit_code == 0, result.output
    return output, result.output


def test_every_file_is_qti_with_its_kind_and_the_manifest_lists_exactly_them(package: tuple[Path, str]) -> None:
    output, said = package
    questions = course_questions()
    calls = [id_ for id_, (q, _) in questions.items() if isinstance(q, ScenarioQuestion)]
    assert f"wrote {output}: QTI 2.1 package of {len(questions) - len(calls)} questions" in said
    for call in calls:
        assert f"{call} (a call has no QTI equivalent)" in said
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        files = {name: ET.fromstring(archive.read(name)) for name in names}
    manifest = files.pop(qti.MANIFEST)
    assert manifest.tag == f"{CP}manifest"
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "QTIv2.1 Package"
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    listed = [file.get("href") for resource in resources for file in resource.findall(f"{CP}file")]
    assert sorted(listed) == sorted(files)  # every file, and nothing else
    assert all(resource.get("href") == resource.find(f"{CP}file").get("href") for resource in resources)  # type: ignore[union-attr]
    by_id = {resource.get("identifier"): resource for resource in resources}
    assert len(by_id) == len(resources)

    items = {name: root for name, root in files.items() if root.tag == f"{QTI}assessmentItem"}
    tests = {name: root for name, root in files.items() if root.tag == f"{QTI}assessmentTest"}
    assert len(items) + len(tests) == len(files)
    assert len(items) == len(questions) - len(calls)
    for name, root in items.items():
        question, _ = questions[root.get("identifier", "")]
        assert name.endswith(f"/{question.id}.xml")
        assert by_id[question.id].get("type") == qti.ITEM_TYPE
        body = root.find(f"{QTI}itemBody")
        assert body is not None
        found = [element.tag.removeprefix(QTI) for element in body.iter() if element.tag.endswith("Interaction")]
        assert found == [INTERACTION[type(question)]], question.id
        declared = root.find(f"{QTI}responseDeclaration")
        assert declared is not None and declared.find(f"{QTI}correctResponse") is not None
        assert root.find(f"{QTI}responseProcessing") is not None
        maximum = root.find(f"{QTI}outcomeDeclaration[@identifier='MAXSCORE']/{QTI}defaultValue/{QTI}value")
        assert maximum is not None and float(maximum.text or "") == question.max_points

    course = load_course(ROOT / "quizzes", ROOT / "content")
    assert len(tests) == sum(
        any(not isinstance(q, ScenarioQuestion) for q in quiz.loaded.bank.questions) for quiz in course.quizzes.values()
    )
    for name, root in tests.items():  # a lesson's test: its items, its draw and its shuffle
        quiz = next(quiz for quiz in course.quizzes.values() if name == f"{quiz.quiz_id}/test.xml")
        bank = quiz.loaded.bank
        refs = [ref.get("href") for ref in root.iter(f"{QTI}assessmentItemRef")]
        assert refs == [f"{q.id}.xml" for q in bank.questions if not isinstance(q, ScenarioQuestion)]
        selection = root.find(f".//{QTI}selection")
        assert (selection is None) == (bank.draw is None)
        if selection is not None:
            assert int(selection.get("select", "")) == min(bank.draw or 0, len(refs))
        dependencies = {d.get("identifierref") for d in by_id[root.get("identifier")].findall(f"{CP}dependency")}
        assert dependencies == {ref.removesuffix(".xml") for ref in refs}


def test_an_independent_reader_upgrades_every_item_without_a_warning(package: tuple[Path, str]) -> None:
    output, _ = package
    upgraded = upgrade_package(str(output))
    assert not getattr(upgraded, "warnings", None)
    with zipfile.ZipFile(output) as archive:
        originals = {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}
    assert set(upgraded.files) == set(originals)
    three = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
    for name, original in originals.items():
        if original.tag != f"{QTI}assessmentItem":
            continue
        root = ET.fromstring(upgraded.files[name])
        assert root.tag == f"{three}qti-assessment-item" and root.get("identifier") == original.get("identifier")
        kind = next(e.tag for e in original.iter() if e.tag.endswith("Interaction")).removeprefix(QTI)
        wanted = "qti-" + "".join(f"-{c.lower()}" if c.isupper() else c for c in kind)
        assert root.find(f".//{three}{wanted}") is not None, (name, wanted)


# ---- scored by a real QTI player -----------------------------------------------------


@pytest.fixture(scope="module")
def player(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    if not PLAYER.exists():
        pytest.fail("the QTI player is missing: make test installs it (npm ci in tests/js)")
    folder = tmp_path_factory.mktemp("player")
    shutil.copy(PLAYER, folder / "qti.js")
    (folder / "index.html").write_text(HOST, encoding="utf-8")
    server = StaticServer(folder)
    page = browser.new_page()
    try:
        page.goto(f"{server.url}/index.html")
        page.wait_for_function("() => window.QtiComponents && window.play")
        yield page
    finally:
        page.close()
        server.close()


def qti3(question: Question, bank: Bank) -> str:
    item = qti.item_xml(question, bank)
    assert item is not None
    return upgrade_package({"imsmanifest.xml": _one_item_manifest(), "item.xml": item}).files["item.xml"]  # type: ignore[no-any-return]


def _one_item_manifest() -> str:
    return (
        f'<manifest xmlns="{qti.CP}" identifier="m"><organizations/><resources>'
        f'<resource identifier="item" type="{qti.ITEM_TYPE}" href="item.xml"><file href="item.xml"/></resource>'
        "</resources></manifest>"
    )


Unexpressible = object()


def qti_response(question: Question, response: Any) -> Any:
    """Our response in QTI's terms: None for unanswered, Unexpressible where QTI has no such response."""
    if response is None:
        return None
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        many = isinstance(question, MultipleQuestion)
        chosen = response if many and isinstance(response, list) else [response]
        if not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(question.options) for i in chosen
        ) or len(set(chosen)) != len(chosen):
            return Unexpressible
        ids = [f"C{i + 1}" for i in chosen]
        return ids if many else ids[0]
    if isinstance(question, TrueFalseQuestion):
        return ("TRUE" if response else "FALSE") if isinstance(response, bool) else Unexpressible
    if isinstance(question, FillBlankQuestion):
        # QTI compares ignoring case only; our further tolerance of spaces and Unicode forms has no QTI term
        if not isinstance(response, str) or normalise(response) != response.lower():
            return Unexpressible
        return response
    if isinstance(question, OrderingQuestion):  # QTI's response is always a whole order
        whole = list(range(len(question.items)))
        if not isinstance(response, list) or any(type(p) is not int for p in response) or sorted(response) != whole:
            return Unexpressible
        order = [""] * len(response)
        for item, position in enumerate(response):
            order[position] = f"I{item + 1}"
        return order
    if isinstance(question, MatchingQuestion):
        if not isinstance(response, list) or len(response) > len(question.pairs):
            return Unexpressible
        pairs = []
        for left, choice in enumerate(response):
            if choice is None:
                continue
            if not isinstance(choice, int) or isinstance(choice, bool) or not 0 <= choice < len(question.choices):
                return Unexpressible
            pairs.append(f"L{left + 1} R{choice + 1}")
        return pairs
    raise AssertionError(question.type)


def test_a_qti_player_scores_the_shared_vectors_as_we_do(player: Page) -> None:
    items: list[dict[str, Any]] = []
    wanted: list[list[float]] = []
    names: list[str] = []
    skipped = 0
    for case in VECTORS["cases"]:
        for data in case["questions"]:
            if data["type"] == "scenario":
                continue
            bank = Bank.model_validate({"title": "t", "questions": [data]})
            question = bank.questions[0]
            response = case["responses"].get(question.id)
            converted = qti_response(question, response)
            if converted is Unexpressible:
                skipped += 1
                continue
            ours = question.score(response)
            expected = case["expected"]["questions"].get(question.id)  # absent: not shown in that attempt
            if expected and not case.get("hints"):
                assert ours == pytest.approx(expected["score"])
            items.append({"xml": qti3(question, bank), "responses": [converted]})
            wanted.append([ours])
            names.append(f"{case['name']}: {question.id}")
    assert len(items) >= 50 and skipped <= 15, (len(items), skipped)
    played = player.evaluate("items => window.play(items)", items)
    got = [[result["score"] for result in results] for results in played]
    for name, ours, theirs in zip(names, wanted, got, strict=True):
        assert theirs == pytest.approx(ours, abs=5e-4), name  # the player keeps three decimals


def sample_responses(question: Question) -> list[Any]:
    """The right answer, an answer wrong throughout, and one partly right, in our terms."""
    if isinstance(question, SingleQuestion):
        right = next(i for i, o in enumerate(question.options) if o.correct)
        wrong = next(i for i, o in enumerate(question.options) if not o.correct)
        return [right, wrong, None]
    if isinstance(question, MultipleQuestion):
        right = [i for i, o in enumerate(question.options) if o.correct]
        wrong = [i for i, o in enumerate(question.options) if not o.correct]
        return [right, wrong, right[:1] + wrong[:1], right[:1]]
    if isinstance(question, TrueFalseQuestion):
        return [question.answer, not question.answer]
    if isinstance(question, FillBlankQuestion):
        return [str(answer).upper() for answer in question.answers] + ["nothing like it"]
    if isinstance(question, OrderingQuestion):
        count = len(question.items)
        return [list(range(count)), list(reversed(range(count))), [*range(1, count), 0]]
    if isinstance(question, MatchingQuestion):
        count = len(question.pairs)
        return [list(range(count)), [(i + 1) % count for i in range(count)], [0] * count]
    raise AssertionError(question.type)


def test_a_qti_player_scores_every_question_of_the_course_as_we_do(player: Page) -> None:
    items: list[dict[str, Any]] = []
    wanted: list[tuple[str, list[float]]] = []
    for question, bank in course_questions().values():
        if isinstance(question, ScenarioQuestion):
            continue
        responses = sample_responses(question)
        items.append({"xml": qti3(question, bank), "responses": [qti_response(question, r) for r in responses]})
        wanted.append((question.id, [question.score(r) for r in responses]))
    played = player.evaluate("items => window.play(items)", items)
    for (id_, ours), results in zip(wanted, played, strict=True):
        assert [r["score"] for r in results] == pytest.approx(ours, abs=5e-4), id_
        assert results[0]["score"] == pytest.approx(ours[0]) and ours[0] > 0


def test_the_player_shows_the_feedback_our_runtime_would(player: Page) -> None:
    bank = Bank.model_validate(
        {
            "title": "t",
            "questions": [
                {
                    "id": "q",
                    "type": "multiple",
                    "prompt": "Which?",
                    "explanation": "Because.",
                    "options": [
                        {"text": "a", "correct": True, "feedback": "a is right."},
                        {"text": "b", "correct": True},
                        {"text": "c", "feedback": "c is wrong."},
                        {"text": "d", "feedback": "d is wrong."},
                    ],
                },
                {"id": "t", "type": "true_false", "prompt": "Sky blue?", "answer": True, "feedback": "Look up."},
            ],
        }
    )
    multiple, statement = bank.questions
    played = player.evaluate(
        "items => window.play(items)",
        [
            {"xml": qti3(multiple, bank), "responses": [["C1", "C2"], ["C2", "C3"]]},
            {"xml": qti3(statement, bank), "responses": ["TRUE", "FALSE"]},
        ],
    )
    assert sorted(played[0][0]["feedback"]) == ["EXPLANATION"]
    assert sorted(played[0][1]["feedback"]) == ["EXPLANATION", "FC1", "FC3"]  # a left out, c chosen
    assert played[1][0]["feedback"] == [] and played[1][1]["feedback"] == ["WRONG"]
    item = ET.fromstring(qti.item_xml(multiple, bank) or b"")
    shown = {f.get("identifier"): "".join(f.itertext()).strip() for f in item.iter(f"{QTI}modalFeedback")}
    assert shown == {"FC1": "a is right.", "FC3": "c is wrong.", "FC4": "d is wrong.", "EXPLANATION": "Because."}


def test_bank_text_stays_text_in_the_package(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    bank = project / "quizzes/calls/answering.yml"
    hostile = '<script>alert(1)</script> & ]]> "quoted" <b>bold</b> **strong** [x](javascript:alert(1))'
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("prompt: ", f"prompt: '{hostile}' # ", 1),
        encoding="utf-8",
    )
    output = tmp_path / "q.zip"
    result = CliRunner().invoke(main, ["export", "qti", "-o", str(output), str(project)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(output) as archive:
        roots = [ET.fromstring(archive.read(name)) for name in archive.namelist()]
    prompt = next(e for root in roots for e in root.iter(f"{QTI}prompt") if "alert" in "".join(e.itertext()))
    assert "<script>alert(1)</script>" in "".join(prompt.itertext())  # shown as text
    tags = {e.tag.removeprefix(QTI) for root in roots for e in root.iter()}
    assert "script" not in tags and "b" not in tags  # raw HTML is text, as on the site
    assert prompt.find(f"{QTI}strong") is not None  # Markdown still formats
    links = [e for root in roots for e in root.iter(f"{QTI}a")]
    assert links and all("javascript" not in (link.get("href") or "") for link in links)


def test_a_broken_course_writes_no_package(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    (project / "quizzes/calls/answering.yml").write_text("title: [\n", encoding="utf-8")
    output = tmp_path / "q.zip"
    result = CliRunner().invoke(main, ["export", "qti", "-o", str(output), str(project)])
    assert result.exit_code == 1 and "no file was written" in result.output
    assert list(tmp_path.glob("*q.zip*")) == []
