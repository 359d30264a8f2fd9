"""`quizgen new lesson MODULE/SLUG`: a lesson and its bank from templates, and
the page added to the site's navigation.

Authors run this instead of copying an old lesson, so the templates carry the
course's lesson structure and one working example of every question type.
Everything is checked before anything is written: a refusal leaves the course
exactly as it was. mkdocs.yml is edited with ruamel.yaml's round trip, so its
comments, key order, quoting, tags and indentation survive and a diff shows
only the added nav line.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from .course import BANK_SUFFIXES, load_course
from .model import ID_PATTERN
from .problems import Problem, QuizgenError, shown_path
from .schema import SCHEMA_FILE
from .site_config import CONFIG_NAME, SiteConfig, read_site_config

COMMAND = "quizgen new lesson"
EXAMPLE_TARGET = "phone-skills/leaving-a-voice-mail"
_NAME = re.compile(ID_PATTERN)
# Characters that would break the one-line heading or the bank's YAML: control
# characters, line and paragraph separators, lone surrogates.
_NOT_IN_TITLES = frozenset({"Cc", "Zl", "Zp", "Cs"})
# mkdocs.yml lines that open a block ("key:" with nothing after but a comment), optionally as a list item.
_OPENER = re.compile(r"^(?P<indent> *)(?P<dash>- +)?[^\s#\"'][^#]*?:[ \t]*(?:#.*)?$")
_DASH = re.compile(r"^(?P<indent> *)(?P<dash>- +)\S")
_KEY = re.compile(r"^(?P<indent> *)[^\s#-]")
# The house style (and MkDocs' own examples), for a file too short to tell.
_DEFAULT_INDENT = (2, 4, 2)

LESSON_TEMPLATE = """\
# {title}

!!! abstract "In this lesson you will learn to"
    - Replace this with the first thing learners will be able to do, starting with a verb
    - Replace this with the second objective
    - Replace this with the third objective

Replace this with two or three sentences that open the lesson: a situation learners will recognise, and why \
getting it right matters to them and to the customer.

## First main point

Replace this heading with the first idea, worded as a short instruction (for example "Say whose line it is"), \
and this paragraph with the teaching: what to do, why it matters to the caller, and what to say. Keep one idea \
under each heading: questions link back to headings with `see`, so a learner who gets a question wrong lands on \
the part that teaches it. If you rename a heading, update the `see` lines in the bank too (`quizgen check` \
tells you which).

## Second main point

Replace this heading and paragraph with the second idea. A short list, or a weak and a strong way of saying the \
same thing, often helps. Add more headings as you need them.

## Worked example

!!! example "Replace this with a title for the call"
    **Caller:** Replace this with what the caller says.

    **You:** Replace this with what a good answer sounds like.

## Try it

Replace this with a short, realistic situation for the learner to handle.

Think about:

1. Replace this with a first question for the learner.
2. Replace this with a second question.

??? tip "One way to handle it"
    Replace this with one good way to handle the situation, and why it works.

## Key takeaways

- Replace this with the first point to remember
- Replace this with the second point to remember
- Replace this with the third point to remember
"""

BANK_TEMPLATE = """\
# yaml-language-server: $schema={schema}
title: {title}
pass_mark: 80
questions:
  # single: exactly one right option (radio buttons); mark it with "correct: true"
  - id: {prefix}-example-single
    type: single
    prompt: Replace this with a question that has one right answer.
    options:
      - text: Replace this with the right answer
        correct: true
      - text: Replace this with a likely wrong answer
        feedback: Replace this with why this answer is wrong.
      - text: Replace this with another likely wrong answer
        feedback: Replace this with why this answer is wrong.
    explanation: Replace this with why the right answer is right.
    see: "#first-main-point"

  # multiple: one or more right options (checkboxes); a partly right answer earns part of the points
  - id: {prefix}-example-multiple
    type: multiple
    prompt: Replace this with a question that has more than one right answer.
    options:
      - text: Replace this with a right answer
        correct: true
      - text: Replace this with another right answer
        correct: true
      - text: Replace this with a wrong answer
        feedback: Replace this with why this answer is wrong.
    explanation: Replace this with why those answers are right.
    see: "#first-main-point"
    points: 2

  # true_false: a statement the learner judges true or false; "answer" is true or false, without quotes
  - id: {prefix}-example-true-false
    type: true_false
    prompt: Replace this with a statement that is clearly true or clearly false.
    answer: false
    feedback: Replace this with what the learner should know when they get it wrong.
    explanation: Replace this with why the statement is false.
    see: "#second-main-point"

  # fill_blank: the learner types the missing words; list every answer you accept (case and spaces do not matter)
  - id: {prefix}-example-fill-blank
    type: fill_blank
    prompt: Replace this with a sentence that has a ____ where the learner types the answer.
    answers: [blank, gap]
    feedback: Replace this with what to say when the answer is wrong.
    explanation: Replace this with why those words fit.
    see: "#second-main-point"

  # ordering: list the steps in the right order; the learner sees them shuffled and numbers them
  - id: {prefix}-example-ordering
    type: ordering
    prompt: Replace this with a question asking for the steps of something in order.
    items:
      - Replace this with the first step
      - Replace this with the second step
      - Replace this with the third step
    feedback: Replace this with what to say when the order is wrong.
    explanation: Replace this with why the steps come in this order.
    see: "#first-main-point"
    points: 2

  # matching: each left-hand item has one match; distractors are matches that belong to nothing
  - id: {prefix}-example-matching
    type: matching
    prompt: Replace this with a question asking the learner to match each item.
    pairs:
      - left: Replace this with an item
        right: Replace this with its match
      - left: Replace this with another item
        right: Replace this with its match too
    distractors:
      - Replace this with a likely match that fits no item
    feedback: Replace this with what to say when a match is wrong.
    explanation: Replace this with why each item goes with its match.
    see: "#second-main-point"
    points: 2

  # scenario: a call played step by step; each reply earns points and leads to a step, or to "end"
  - id: {prefix}-example-scenario
    type: scenario
    prompt: Replace this with the situation of the call the learner plays.
    start: opening
    steps:
      opening:
        caller: Replace this with what the caller says first.
        choices:
          - text: Replace this with the best reply
            goto: closing
            points: 2
            feedback: Replace this with how the caller takes it.
          - text: Replace this with a likely but weaker reply
            goto: closing
            points: 0
            feedback: Replace this with why it does not help.
      closing:
        caller: Replace this with what the caller says next.
        choices:
          - text: Replace this with a reply that ends the call well
            goto: end
            points: 1
            feedback: Replace this with how the call ends.
    explanation: Replace this with what the best path shows.
    see: "#first-main-point"
"""


def new_lesson(root: Path, target: str, title: str) -> list[Path]:
    """Create content/MODULE/SLUG.md and quizzes/MODULE/SLUG.yml in the course at ``root``
    (the folder holding mkdocs.yml) and add the page to mkdocs.yml's nav.

    Returns the paths created or changed: lesson, bank, and mkdocs.yml unless
    it was left alone (it has no nav, so MkDocs lists every page itself, or
    the nav already lists the page). Every user mistake raises QuizgenError,
    and nothing is written unless everything can be.
    """
    module, slug = parse_target(target)
    title = _checked_title(title)
    config = root / CONFIG_NAME
    if not config.is_file():
        raise QuizgenError(
            [Problem(str(config), 0, 0, "no mkdocs.yml here", "run the command in the course folder, or give its path")]
        )
    site = read_site_config(root)
    lesson = site.docs_dir / module / f"{slug}.md"
    bank = site.quizzes_dir / module / f"{slug}.yml"
    _refuse_existing([lesson, *(bank.with_suffix(suffix) for suffix in BANK_SUFFIXES)], root)

    before = _read_config(config)
    after = _nav_with_page(before, module, f"{module}/{slug}.md")
    writes = [
        (lesson, LESSON_TEMPLATE.format(title=title)),
        (bank, bank_text(title, _id_prefix(site, module, slug), schema_path(site.quizzes_dir, bank))),
    ]
    _create_files(writes, config, after, root)
    return [lesson, bank] if after is None else [lesson, bank, config]


def parse_target(target: str) -> tuple[str, str]:
    """``MODULE/SLUG`` as (module, slug); both become folder and file names, and the slug question ids."""
    parts = target.strip().split("/")
    if len(parts) != 2 or not all(parts):
        raise _usage(
            f"'{target}' is not MODULE/SLUG: give the module's folder and the lesson's name, joined by one '/'",
            f"for example '{EXAMPLE_TARGET}'",
        )
    for part in parts:
        if not _NAME.fullmatch(part):
            suggestion = _suggestion(parts)
            raise _usage(
                f"'{part}' in '{target}' is not lowercase words joined by hyphens",
                f"try '{suggestion}'" if suggestion else f"for example '{EXAMPLE_TARGET}'",
            )
    return parts[0], parts[1]


def bank_text(title: str, prefix: str, schema: str) -> str:
    """The bank template filled in; the title is quoted when YAML would misread it."""
    return BANK_TEMPLATE.format(schema=schema, title=yaml_scalar(title), prefix=prefix)


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML value: plain when YAML reads it back unchanged, else a JSON string.

    A JSON string is a valid YAML double-quoted scalar, and reading the plain
    form back is the only sure test: 'yes', '12', 'a: b' and 'a # b' all change.
    """
    try:
        plain_reads_back = yaml.safe_load(f"value: {text}") == {"value": text}
    except yaml.YAMLError:
        plain_reads_back = False
    return text if plain_reads_back else json.dumps(text, ensure_ascii=False)


def section_title(module: str) -> str:
    """A new nav section's title, in the nav's style: "new-module" -> "New module"."""
    return module.replace("-", " ").capitalize()


# --- checks before anything is written ---------------------------------------


def _checked_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise _usage("the title is empty", 'give the lesson\'s title with --title "..."')
    if any(unicodedata.category(char) in _NOT_IN_TITLES for char in title):
        raise _usage("the title must be one line of text", "remove line breaks, tabs and other control characters")
    return title


def _refuse_existing(paths: list[Path], root: Path) -> None:
    """Never overwrite an author's work: name every file in the way, then stop."""
    existing = [path for path in paths if path.exists()]
    if existing:
        raise QuizgenError(
            Problem(
                shown_path(path, root),
                0,
                0,
                "already exists; nothing was written",
                "choose another MODULE/SLUG, or edit the existing lesson and bank",
            )
            for path in existing
        )


def _suggestion(parts: list[str]) -> str:
    """The target as it was probably meant (lowercase, hyphens for spaces, no file suffix), or ""."""
    cleaned = [re.sub(r"\.(md|ya?ml)$", "", part, flags=re.I) for part in parts]
    words = ["-".join(re.findall(r"[a-z0-9]+", part.lower())) for part in cleaned]
    return "/".join(words) if all(words) else ""


def _id_prefix(site: SiteConfig, module: str, slug: str) -> str:
    """The slug, unless another bank already uses its example ids (the same slug in
    another module): then module and slug, so the new ids stay unique across the course.
    A bank that does not load is skipped here; `quizgen check` reports it."""
    taken = load_course(site.quizzes_dir, site.docs_dir).question_ids()
    return slug if not any(i.startswith(f"{slug}-example-") for i in taken) else f"{module}-{slug}"


def schema_path(quizzes_dir: Path, bank: Path) -> str:
    """The schema as the YAML language server finds it: relative to the bank's folder."""
    return os.path.relpath(quizzes_dir / SCHEMA_FILE, bank.parent).replace(os.sep, "/")


def _read_config(config: Path) -> str:
    try:
        return config.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuizgenError([Problem(CONFIG_NAME, 0, 0, f"mkdocs.yml cannot be read: {exc}")]) from None


# --- the navigation ------------------------------------------------------------


def _nav_with_page(text: str, module: str, page: str) -> str | None:
    """mkdocs.yml's text with ``page`` in the nav, or None when the file should be left alone."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    parser = YAML()  # round trip: comments, order, quoting and tags are kept
    parser.preserve_quotes = True
    parser.width = 4096  # never fold a long line
    mapping, sequence, offset = indentation(text)
    parser.indent(mapping=mapping, sequence=sequence, offset=offset)
    try:
        data = parser.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise QuizgenError([Problem(CONFIG_NAME, line, column, f"mkdocs.yml cannot be read: {exc}")]) from None
    nav = data.get("nav") if isinstance(data, CommentedMap) else None
    if nav is None or page in _nav_pages(nav):
        return None  # MkDocs lists every page itself, or the page is listed already
    if not isinstance(nav, CommentedSeq):
        line, column = data.lc.key("nav")
        raise QuizgenError(
            [
                Problem(
                    CONFIG_NAME,
                    line + 1,
                    column + 1,
                    "'nav' is not a list",
                    "write the nav as lines starting with '- ', as in MkDocs' documentation",
                )
            ]
        )
    _add_to_nav(nav, module, page)
    out = io.StringIO()
    parser.dump(data, out)
    result = out.getvalue()
    _ensure_only_added(text, result, page)
    return result.replace("\n", newline)


def _add_to_nav(nav: Any, module: str, page: str) -> None:
    """After the module's last page, in the nav section that holds the module's pages;
    in a new section at the end of the nav if none does."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    sections = _sections_holding(nav, module)
    if sections:
        section = sections[-1]
        last = max(i for i, item in enumerate(section) if _in_module(_page_of(item), module))
        section.insert(last + 1, page)
        _carry_trailing_comment(section, last + 1)
    else:
        nav.append(CommentedMap([(section_title(module), CommentedSeq([page]))]))
        _carry_trailing_comment(nav, len(nav) - 1)


def _sections_holding(items: list[Any], module: str) -> list[list[Any]]:
    """Every nav list that directly holds a page of ``module``, in the nav's order."""
    found = [items] if any(_in_module(_page_of(item), module) for item in items) else []
    for item in items:
        for value in item.values() if isinstance(item, dict) else ():
            if isinstance(value, list):
                found += _sections_holding(value, module)
    return found


def _nav_pages(items: Any) -> list[str]:
    """Every page path the nav lists, at any depth."""
    if isinstance(items, str):
        return [items]
    if isinstance(items, dict):
        return [page for value in items.values() for page in _nav_pages(value)]
    if isinstance(items, list):
        return [page for item in items for page in _nav_pages(item)]
    return []


def _page_of(item: Any) -> str | None:
    """The page of a nav entry: ``- path.md`` or ``- Title: path.md``; None for a section."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _in_module(page: str | None, module: str) -> bool:
    return page is not None and page.removeprefix("./").startswith(f"{module}/")


def _carry_trailing_comment(section: Any, index: int) -> None:
    """Keep comment lines that followed the old last entry after the new one.

    ruamel.yaml attaches the comment lines after a list's last entry (such as
    "# Module two" above the next section) to that entry, so a new entry put
    after it would land below them. The entry's own end-of-line comment stays.
    """
    if index != len(section) - 1 or index == 0:
        return
    holder, key, slot = _comment_slot(section, index - 1)
    entry = holder.ca.items.get(key)
    token = entry[slot] if entry else None
    if token is None:
        return
    own, _, following = token.value.partition("\n")
    if not following:
        return
    if own:
        token.value = own + "\n"
    else:
        entry[slot] = None
    moved = copy.copy(token)
    moved.value = "\n" + following
    new_holder, new_key, new_slot = _comment_slot(section, index)
    new_holder.ca.items.setdefault(new_key, [None, None, None, None])[new_slot] = moved


def _comment_slot(section: Any, index: int) -> tuple[Any, Any, int]:
    """Where ruamel.yaml keeps the comment after an entry: on the innermost last value it holds."""
    item = section[index]
    if isinstance(item, dict) and item:
        key = list(item)[-1]
        value = item[key]
        if isinstance(value, list) and value:
            return _comment_slot(value, len(value) - 1)
        return item, key, 2
    return section, index, 0


def _ensure_only_added(before: str, after: str, page: str) -> None:
    """Refuse to save a mkdocs.yml that the round trip changed beyond the added lines."""
    old, new = before.splitlines(), after.splitlines()
    remaining = iter(new)
    if all(any(line == candidate for candidate in remaining) for line in old) and len(new) - len(old) <= 2:
        return
    raise QuizgenError(
        [
            Problem(
                CONFIG_NAME,
                0,
                0,
                "cannot add the page to the nav without reformatting mkdocs.yml; nothing was written",
                f"add '- {page}' to the nav yourself, then run the command again",
            )
        ]
    )


def indentation(text: str) -> tuple[int, int, int]:
    """How a YAML file indents, as ruamel.yaml's (mapping, sequence, offset), by its most common use.

    mapping: a nested key's indent; offset: a list dash's indent; sequence: the
    indent of a list entry's content. Each is measured from its parent key.
    """
    mappings: Counter[int] = Counter()
    sequences: Counter[tuple[int, int]] = Counter()
    parent: int | None = None  # the column of the key that opened a block on the line before
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        dash, key = _DASH.match(line), _KEY.match(line)
        if parent is not None and dash and len(dash["indent"]) >= parent:
            offset = len(dash["indent"]) - parent
            sequences[(offset + len(dash["dash"]), offset)] += 1
        elif parent is not None and key and len(key["indent"]) > parent:
            mappings[len(key["indent"]) - parent] += 1
        opener = _OPENER.match(line)
        parent = len(opener["indent"]) + len(opener["dash"] or "") if opener else None
    default_mapping, default_sequence, default_offset = _DEFAULT_INDENT
    mapping = mappings.most_common(1)[0][0] if mappings else default_mapping
    sequence, offset = sequences.most_common(1)[0][0] if sequences else (default_sequence, default_offset)
    return mapping, sequence, offset


# --- writing -------------------------------------------------------------------


def _create_files(new_files: list[tuple[Path, str]], config: Path, config_text: str | None, root: Path) -> None:
    """Create the new files (never replacing one) and save mkdocs.yml; on any failure undo what was done."""
    made: list[Path] = []
    path = config
    try:
        for path, text in new_files:
            made += _make_folders(path.parent)
            with path.open("x", encoding="utf-8", newline="") as file:
                made.append(path)
                file.write(text)
        if config_text is not None:
            path = config
            config.write_bytes(config_text.encode("utf-8"))
    except OSError as exc:
        _undo(made)
        raise QuizgenError(
            [Problem(shown_path(path, root), 0, 0, f"cannot write the file: {exc.strerror}; nothing was written")]
        ) from None


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir()
    return list(reversed(missing))


def _undo(made: list[Path]) -> None:
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()


def _usage(message: str, hint: str) -> QuizgenError:
    return QuizgenError([Problem(COMMAND, 0, 0, message, hint)])
