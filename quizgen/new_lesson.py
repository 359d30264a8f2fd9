"""`quizgen new lesson`: a lesson page and its bank from templates, and the
page added to the site's navigation without disturbing the rest of mkdocs.yml."""

from __future__ import annotations

import io
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .model import ID_PATTERN
from .problems import Problem, QuizgenError
from .schema import SCHEMA_FILE
from .site_config import CONFIG_NAME, read_site_config

_NAME = re.compile(ID_PATTERN)

LESSON_TEMPLATE = """\
# {title}

!!! abstract "In this lesson you will learn to"
    - Replace this with the first thing learners will be able to do (start with a verb)
    - Replace this with the second
    - Replace this with the third

Replace this with two or three sentences on why this matters to someone who answers the phone.

## First main point

Replace this with the first idea, in plain words. Keep one idea under each heading: questions link back to
headings, so a learner who gets a question wrong lands on the part that teaches it.

## Second main point

Replace this with the second idea. Add more headings as you need them.

## Worked example

!!! example "Replace this with a title for the call"
    **Caller:** Replace this with what the caller says.

    **You:** Replace this with a strong reply.

## Try it

Replace this with a short, realistic situation and one or two questions for the learner to think about.

??? tip "One way to handle it"
    Replace this with a good answer.

## Key takeaways

- Replace this with the first point to remember
- Replace this with the second
- Replace this with the third
"""

BANK_TEMPLATE = """\
# yaml-language-server: $schema={schema}
title: {title}
pass_mark: 80
questions:
  # single: one right answer; mark it with "correct: true"
  - id: {slug}-example-single
    type: single
    prompt: Replace this with a question that has one right answer.
    options:
      - text: Replace this with the right answer
        correct: true
      - text: Replace this with a wrong answer
        feedback: Replace this with why it is wrong.
    explanation: Replace this with why the right answer is right.
    see: "#first-main-point"

  # multiple: choose all that apply; partial points for partly right answers
  - id: {slug}-example-multiple
    type: multiple
    points: 2
    prompt: Replace this with a question that has more than one right answer.
    options:
      - text: Replace this with a right answer
        correct: true
      - text: Replace this with another right answer
        correct: true
      - text: Replace this with a wrong answer
        feedback: Replace this with why it is wrong.
    explanation: Replace this with why those answers are right.
    see: "#first-main-point"

  # true_false: a statement that is true or false
  - id: {slug}-example-true-false
    type: true_false
    prompt: Replace this with a statement that is true or false.
    answer: false
    feedback: Replace this with what to say when the learner gets it wrong.
    explanation: Replace this with why it is false.
    see: "#second-main-point"

  # fill_blank: the learner types a word or two; case and extra spaces are ignored
  - id: {slug}-example-fill-blank
    type: fill_blank
    prompt: Replace this with a sentence with a ____ in it.
    answers: [blank, gap]
    feedback: Replace this with what to say when the answer is wrong.
    explanation: Replace this with why that word fits.
    see: "#second-main-point"
"""


def new_lesson(root: Path, target: str, title: str) -> list[Path]:
    """Create ``MODULE/SLUG`` in the course at ``root``; return the files written.

    Everything is checked before anything is written, so a refusal leaves the
    course as it was.
    """
    module, slug = _parse_target(target)
    title = title.strip()
    if not title:
        raise _usage("the title is empty", 'give one with --title "..."')
    site = read_site_config(root)
    page = f"{module}/{slug}.md"
    lesson = site.docs_dir / page
    bank = site.quizzes_dir / module / f"{slug}.yml"
    existing = [path for path in (lesson, bank) if path.exists()]
    if existing:
        raise QuizgenError(
            Problem(str(path), 0, 0, "already exists; nothing was written", "choose another name, or edit the file")
            for path in existing
        )
    config = root / CONFIG_NAME
    new_config = _with_page_in_nav(config.read_text(encoding="utf-8"), module, page)

    schema = os.path.relpath(site.quizzes_dir / SCHEMA_FILE, bank.parent).replace(os.sep, "/")
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    lesson.parent.mkdir(parents=True, exist_ok=True)
    bank.parent.mkdir(parents=True, exist_ok=True)
    lesson.write_text(LESSON_TEMPLATE.format(title=title), encoding="utf-8")
    bank.write_text(BANK_TEMPLATE.format(schema=schema, title=quoted, slug=slug), encoding="utf-8")
    written = [lesson, bank]
    if new_config is not None:
        config.write_text(new_config, encoding="utf-8")
        written.append(config)
    return written


def _parse_target(target: str) -> tuple[str, str]:
    parts = target.strip().strip("/").split("/")
    if len(parts) != 2 or not all(_NAME.fullmatch(part) for part in parts):
        example = "/".join(_kebab(part) or "name" for part in parts[:2]) if parts else "module/lesson-name"
        raise _usage(
            f"'{target}' is not MODULE/SLUG in lowercase words joined by hyphens",
            f"for example 'phone-skills/leaving-a-voice-mail'{f' or {example!r}' if '/' in example else ''}",
        )
    return parts[0], parts[1]


def _with_page_in_nav(text: str, module: str, page: str) -> str | None:
    """mkdocs.yml with ``page`` added to its module's nav section, or None if it has no nav.

    ruamel.yaml's round trip keeps comments, order, quoting and tags.
    """
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    data = yaml.load(text)
    nav = data.get("nav") if isinstance(data, dict) else None
    if nav is None:
        return None  # MkDocs lists every page itself
    if not isinstance(nav, list):
        raise QuizgenError([Problem(CONFIG_NAME, 0, 0, "'nav' in mkdocs.yml is not a list", "fix mkdocs.yml first")])
    section = _section_of(nav, module)
    if section is None:
        nav.append({module.replace("-", " ").capitalize(): [page]})
    else:
        section.append(page)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _indentation(text: str) -> tuple[int, int]:
    """How the file indents: (a nested mapping's indent, a list's dash offset), as most lines do."""
    mappings: Counter[int] = Counter()
    offsets: Counter[int] = Counter()
    parent: int | None = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if parent is not None and (indent > parent or (indent == parent and stripped.startswith("- "))):
            (offsets if stripped.startswith("- ") else mappings)[indent - parent] += 1
        content = stripped[2:] if stripped.startswith("- ") else stripped
        opens_block = content.split(" #")[0].rstrip().endswith(":")
        parent = (indent + (2 if stripped.startswith("- ") else 0)) if opens_block else None
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    offset = offsets.most_common(1)[0][0] if offsets else 2
    return mapping, offset


def _section_of(items: list[Any], module: str) -> list[Any] | None:
    """The innermost nav list that directly holds a page of ``module``."""
    for item in items:
        for value in item.values() if isinstance(item, dict) else ():
            if isinstance(value, list):
                found = _section_of(value, module)
                if found is not None:
                    return found
    for item in items:
        values = list(item.values()) if isinstance(item, dict) else [item]
        if any(isinstance(v, str) and v.startswith(f"{module}/") for v in values):
            return items
    return None


def _kebab(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _usage(message: str, hint: str) -> QuizgenError:
    return QuizgenError([Problem("quizgen new lesson", 0, 0, message, hint)])
