"""The interface in the site's language: the catalogues are complete, Python
and the browser say the same words, and a course built in each shipped
language shows no English interface text and scores with its own sentence."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, StaticServer, mkdocs_build
from playwright.sync_api import Browser
from test_runtime_node import node

from quizgen import i18n, runtime
from quizgen.i18n import DEFAULT, ENGLISH, available, base_language, catalogue, messages_for, problems_of
from quizgen.load import load_bank

LANGUAGES = [language for language in available() if language != DEFAULT]
SOURCES = [*ROOT.glob("quizgen/**/*.py"), *ROOT.glob("quizgen/assets/runtime/**/*.js")]
KEY = re.compile(r"""["']((?:quiz|kinds|views|pages)\.(?!css|js\b)[a-z_]+)["']""")


def test_the_shipped_languages() -> None:
    assert set(available()) >= {"en", "de", "fr", "es"}


# Messages a language writes exactly as English does, each checked by a native reader: any other message
# equal to the English one is English left untranslated.
SAME_AS_ENGLISH = {
    "de": {"kinds.position", "pages.final_score", "quiz.size_all"},  # "Position"; "{title}: {score}"
    "fr": {"kinds.position", "quiz.points", "quiz.questions", "quiz.size_all"},  # "Position"; "2 points"
    "es": {"pages.final_score", "quiz.size_all"},
}


@pytest.mark.parametrize("language", available())
def test_every_catalogue_has_every_message_of_the_english_one(language: str) -> None:
    assert problems_of(language) == []


@pytest.mark.parametrize(
    ("change", "language"),
    [
        ({"plural": {"one": "n in 1"}, "decimal": "."}, "en"),  # Spanish rules in English
        ({"plural": {"one": "i in 1 and v in 0"}, "decimal": "."}, "de"),  # an English decimal point in German
        (None, "fr"),  # left out
    ],
)
def test_a_catalogue_must_state_its_languages_grammar_as_cldr_has_it(
    change: dict[str, Any] | None, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build takes plural rules and decimal mark from the catalogue (not Babel's locale data, megabytes
    for two facts); the check holds them to CLDR's."""
    shipped = dict(i18n._shipped(language))
    if change is None:
        del shipped[i18n.GRAMMAR]
    else:
        shipped[i18n.GRAMMAR] = change
    monkeypatch.setattr(i18n, "_shipped", lambda _: shipped)
    (problem,) = problems_of(language)
    assert problem.startswith("'@language' must be {") and f"as CLDR has it for {language}" in problem


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_left_in_english(language: str) -> None:
    english, translated = catalogue(DEFAULT), catalogue(language)
    same = {key for key in english if translated.get(key) == english[key]}
    assert same == SAME_AS_ENGLISH.get(language, set())


def test_every_message_the_code_names_exists_and_every_message_is_used() -> None:
    named = {key for path in SOURCES for key in KEY.findall(path.read_text(encoding="utf-8"))}
    assert named - set(catalogue(DEFAULT)) == set(), "named in the code, missing from en.json"
    assert set(catalogue(DEFAULT)) - named == set(), "in en.json, named nowhere in the code"


def test_the_words_depend_on_the_language_and_fall_back_to_english() -> None:
    assert base_language("de-CH") == "de" and base_language("fr_CA") == "fr" and base_language("xx") == "en"
    assert ENGLISH("quiz.score_of", score=1.5, count=2) == "1.5 of 2 points"
    assert "1,5" in messages_for("de")("quiz.score_of", score=1.5, count=2)
    french = messages_for("fr")
    assert french("quiz.questions", count=0) == french("quiz.questions", count=1).replace("1", "0")  # 0 is singular


def say_in_node(language: str, cases: list[dict[str, Any]]) -> list[str]:
    """The runtime's own Q.t, under Node, with the messages the build gives the scripts."""
    script = (
        "const vm = require('node:vm'); const fs = require('node:fs');"
        "const context = vm.createContext({ window: {} });"
        "vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), context);"
        "const Q = context.QuizGen; const input = JSON.parse(fs.readFileSync(0, 'utf8'));"
        "Q.lang = input.lang; Q.say(input.messages);"
        "process.stdout.write(JSON.stringify(input.cases.map((c) => Q.t(c.key, c.params))));"
    )
    t = messages_for(language)
    result = subprocess.run(
        [node(), "-e", script, str(ROOT / "quizgen/assets/runtime/core.js")],
        input=json.dumps({"lang": t.language, "messages": dict(t.messages), "cases": cases}),
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(result.stdout))


@pytest.mark.parametrize("language", available())
def test_python_and_the_browser_say_the_same_words(language: str) -> None:
    t = messages_for(language)
    cases: list[dict[str, Any]] = []
    for key, message in t.messages.items():
        params: dict[str, Any] = {name: f"<{name}>" for name in re.findall(r"\{(\w+)\}", json.dumps(message))}
        counts = [0, 1, 2, 5, 21] if not isinstance(message, str) else [None]
        for count in counts:
            case = dict(params)
            if count is not None:
                case["count"] = count
            if "score" in case:
                case["score"] = 1.5
            if "value" in case:
                case["value"] = 72.5
            cases.append({"key": key, "params": case})
    expected = [t(case["key"], **case["params"]) for case in cases]
    assert say_in_node(language, cases) == expected


# ---- courses built in each language ------------------------------------------------------


class _Text(html.parser.HTMLParser):
    """The words a learner meets inside the quizzes' and generated pages' markup: text and titles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if self.depth or "quizgen" in classes:
            self.depth += 1 if tag not in ("br", "input", "img", "meta", "link") else 0
            self.words += [value for name, value in attrs if name in ("title", "aria-label", "placeholder") and value]

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("br", "input", "img"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words.append(data)


def interface_text(page: str) -> str:
    parser = _Text()
    parser.feed(page.split("<template", 1)[0] + "".join(page.split("</template>")[1:]))
    return " ".join(" ".join(parser.words).split())


def english_fragments(language: str, fixture: str) -> list[str]:
    """Pieces of English interface text (two words or more) that the language's catalogue says otherwise:
    none may appear. Pieces that the fixture's own lessons and banks use (in English) are left out."""
    authored = " ".join(
        " ".join(path.read_text(encoding="utf-8").split()).lower()
        for path in (FIXTURES / fixture).rglob("*")
        if path.suffix in (".md", ".yml")
    )
    found = []
    translated = messages_for(language)
    for key, english in catalogue(DEFAULT).items():
        ours = translated.messages[key]
        for form, text in english.items() if not isinstance(english, str) else [("", english)]:
            theirs = ours if isinstance(ours, str) else ours.get(form, ours["other"])
            if text == theirs:
                continue  # the same words in both languages
            pieces = [piece.strip(" .,:;()-") for piece in re.split(r"\{\w+\}", text)]
            found += [p for p in pieces if " " in p and len(p) >= 8 and p not in theirs and p.lower() not in authored]
    return sorted(set(found))


def leaks(text: str, fragments: list[str]) -> list[str]:
    return [piece for piece in fragments if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)]


def built(tmp_path: Path, fixture: str, language: str) -> Path:
    project = tmp_path / f"{fixture}-{language}"
    shutil.copytree(FIXTURES / fixture, project)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", f"  name: material\n  language: {language}\n"),
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_course_built_in_each_language_shows_no_english_interface_text(tmp_path: Path, language: str) -> None:
    t = messages_for(language)
    fragments = english_fragments(language, "kinds") + english_fragments(language, "progress")
    assert len(fragments) > 50  # the check can fail
    pages = {
        "kinds": built(tmp_path, "kinds", language),
        "progress": built(tmp_path, "progress", language),
    }
    read = {
        f"{name}/{path}": (site / path / "index.html").read_text(encoding="utf-8")
        for name, site in pages.items()
        for path in (
            ["module/kinds", "module/pool", "module/exam"]
            if name == "kinds"
            else ["calls/answering", "progress", "final-check", "certificate", "."]
        )
    }
    everything = ""
    for path, page in read.items():
        text = interface_text(page)
        assert text, f"no interface text found in {path}"
        assert leaks(text, fragments) == [], (path, leaks(text, fragments))
        everything += text
    for key in ("quiz.heading", "quiz.check", "quiz.submit", "quiz.try_again", "pages.download", "pages.print"):
        assert t(key) in everything, key
    progress_page = (pages["progress"] / "progress/index.html").read_text(encoding="utf-8")
    assert f"<title>{t('pages.progress_title')}" in progress_page  # the page's default title too


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_quiz_scores_with_the_languages_sentence(browser: Browser, tmp_path: Path, language: str) -> None:
    site = built(tmp_path, "kinds", language)
    server = StaticServer(site)
    t = messages_for(language)
    bank = load_bank(FIXTURES / "kinds/quizzes/module/kinds.yml").bank
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{server.url}/module/kinds/")
        form = page.locator("form.quizgen-quiz")
        page.wait_for_function("() => document.querySelector('form.quizgen-quiz.is-ready')")
        form.locator(".quizgen-check").click()  # nothing answered: every question not answered
        expected = t(
            "quiz.result_not_passed",
            points=t("quiz.score_of", score=0, count=bank.max_points),
            percent=t.percent(0),
            needed=t.percent(bank.pass_mark),
        )
        status = form.locator(".quizgen-score")
        page.wait_for_function("() => document.querySelector('.quizgen-score').textContent.length > 0")
        assert status.inner_text() == expected
        shown = " ".join(form.inner_text().split())
        assert t("quiz.not_answered") in shown
        assert leaks(shown, english_fragments(language, "kinds")) == []
        assert errors == []
    finally:
        page.close()
        server.close()


@pytest.mark.build
def test_a_language_without_a_catalogue_speaks_english_and_says_so_once(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: material\n  language: ja\n"), encoding="utf-8")
    result = mkdocs_build(project, strict=False)  # the warning would stop a strict build, as it should
    assert result.returncode == 0, result.stderr
    warning = "quizgen: the quizzes have no interface text in 'ja', so they speak English"
    assert result.stderr.count(warning) == 1
    page = (project / "site/calls/answering/index.html").read_text(encoding="utf-8")
    assert ENGLISH("quiz.check") in page
    assert runtime.script("en").name in page
