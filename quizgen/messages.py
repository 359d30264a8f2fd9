"""Turn pydantic's validation errors into plain-English problems with a fix."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .kinds.base import plural
from .model import QUESTION_TYPES, Bank
from .problems import Problem
from .yaml_source import Path_, SourceMap

# What to add when a key is missing, by key name.
_MISSING_HINTS = {
    "title": "add a line 'title: ...' naming the quiz, usually the lesson's title",
    "questions": "add a 'questions:' list; each item starts with '- id: ...'",
    "id": "add 'id: ...' with a short unique name in lowercase words joined by hyphens, e.g. 'id: greet-caller'",
    "type": f"add 'type: ...', one of: {', '.join(QUESTION_TYPES)}",
    "prompt": "add 'prompt: ...' with the question the learner reads",
    "options": "add an 'options:' list of at least two items, each '- text: ...', marking right ones 'correct: true'",
    "answer": "add 'answer: true' or 'answer: false'",
    "answers": "add 'answers: [...]' listing every answer you accept",
    "text": "add 'text: ...' with the words of this option or reply",
    "items": "add an 'items:' list of the steps in the right order, each on a line starting with '- '",
    "pairs": "add a 'pairs:' list; each item is '- left: ...' with 'right: ...' under it",
    "left": "add 'left: ...', the item the learner matches",
    "right": "add 'right: ...', the item's match",
    "start": "add 'start: ...' naming the first step of the call",
    "steps": "add 'steps:' with each step of the call under its id",
    "caller": "add 'caller: ...' with what the caller says at this step",
    "choices": "add a 'choices:' list of the replies, each '- text: ...' with 'goto: ...'",
    "goto": "add 'goto: ...' naming the next step, or 'goto: end' to finish the call",
}


# Lists with a minimum length: what they hold, and how to fix one that is too short.
_AT_LEAST = {
    "items": ("item", "list every step of the sequence, in the right order"),
    "pairs": ("pair", "add pairs; one pair is nothing to match"),
    "choices": ("reply", "give the step a reply (each with 'text' and 'goto')"),
    "steps": ("step", "add the steps of the call under 'steps:'"),
}


def to_problems(errors: list[ErrorDetails], data: Any, source: SourceMap) -> list[Problem]:
    return [_problem(error, data, source) for error in errors]


def _problem(error: ErrorDetails, data: Any, source: SourceMap) -> Problem:
    path, owner = _resolve(error["loc"], data)
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    name = _describe(path)
    value = error.get("input")

    if kind.startswith("quizgen_"):  # our own rules carry their message, hint and place
        at = tuple(ctx.get("at") or ())
        return source.problem((*path, *at), error["msg"], str(ctx.get("hint", "")), at_key=bool(ctx.get("at_key")))
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        allowed = f"keys allowed here: {', '.join(known)}" if known else "remove it"
        return source.problem(path, f"unknown key '{key}'", hint + allowed, at_key=True)
    if kind == "missing":
        key = str(path[-1])
        parent = _describe(path[:-1])
        return source.problem(path[:-1], f"{parent} is missing '{key}'", _MISSING_HINTS.get(key, f"add '{key}: ...'"))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        kinds = ", ".join(QUESTION_TYPES)
        if kind == "union_tag_not_found":
            return source.problem(path, f"{name} has no 'type'", f"add 'type: ...', one of: {kinds}")
        tag = str(ctx.get("tag"))
        close = difflib.get_close_matches(tag, QUESTION_TYPES, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return source.problem((*path, "type"), f"unknown question type '{tag}'", f"{hint}use one of: {kinds}")
    if kind == "model_attributes_type" or kind == "model_type":
        return source.problem(
            path, f"{name} must be a set of 'key: value' lines", "check the indentation under the '- '"
        )
    if kind == "list_type":
        return source.problem(path, f"{name} must be a list", "write each item on its own line starting with '- '")
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        have = ctx.get("actual_length", 0)
        if path[-1] == "options":
            return source.problem(
                path,
                f"{_describe(path[:-1])} has {have} option{'' if have == 1 else 's'}; "
                f"a choice question needs at least {need}",
                "add options, or use type 'true_false' or 'fill_blank'",
            )
        if path[-1] in _AT_LEAST:
            what, hint = _AT_LEAST[str(path[-1])]
            return source.problem(path, f"{_describe(path[:-1])} needs at least {plural(need, what)}, not {have}", hint)
        return source.problem(path, f"{name} must not be empty", "add at least one item")
    if kind == "string_type":
        if isinstance(value, bool):
            hint = "YAML reads yes/no/on/off/true/false as true or false: put the text in quotes"
        elif value is None:
            hint = "write the text after the colon, or remove the key"
        else:
            hint = "write it as text; put it in quotes if it looks like a date, list or number"
        return source.problem(path, f"{name} must be text", hint)
    if kind == "bool_type":
        return source.problem(
            path, f"{name} must be true or false, not {_show(value)}", "write true or false without quotes"
        )
    if kind in ("int_type", "int_from_float"):
        return source.problem(path, f"{name} must be a whole number, not {_show(value)}", "for example 1 or 2")
    if kind in ("float_type",):
        example = "0.25" if path and path[-1] == "hint_penalty" else "80"
        return source.problem(path, f"{name} must be a number, not {_show(value)}", f"for example {example}")
    if kind == "literal_error" and path and path[-1] == "mode":
        return source.problem(path, f"mode must be 'practice' or 'exam', not {_show(value)}", "practice is the default")
    if kind == "dict_type":
        return source.problem(
            path, f"{name} must be a set of 'id: ...' entries", "put each step's id on its own line, ending with ':'"
        )
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        if path[-1] == "pass_mark":
            return source.problem(
                path,
                f"pass_mark must be between 0 and 100, not {_show(value)}",
                "it is a percentage, e.g. 80",
            )
        if path[-1] == "hint_penalty":
            return source.problem(
                path,
                f"hint_penalty must be between 0 and 1, not {_show(value)}",
                "it is the share of the points a hint costs: 0.25 is a quarter",
            )
        if path[-1] == "points" and "choices" in path:
            return source.problem(path, f"{name} must be 0 or more, not {_show(value)}", "for example 0, 1 or 2")
        return source.problem(
            path, f"{name} must be a whole number above 0, not {_show(value)}", "use 1 or more, or remove it"
        )
    if kind == "string_pattern_mismatch":
        if path[-1] == "id":
            return source.problem(
                path,
                f"the id {_show(value)} is not lowercase words joined by hyphens",
                f"for example '{_kebab(str(value)) or 'greet-caller'}'",
            )
        if path[-1] == "see":
            return source.problem(
                path,
                f"'see' must be a heading anchor of the lesson such as \"#what-to-write-down\", not {_show(value)}",
                "start it with '#' and put it in double quotes",
            )
    return source.problem(path, f"{name}: {error['msg']}", "")


def _resolve(loc: tuple[int | str, ...], data: Any) -> tuple[Path_, type[BaseModel] | None]:
    """Map pydantic's error location to the path in the YAML data.

    Pydantic inserts the discriminator tag ('single') into locations inside a
    tagged union; it is not in the data, so we skip it. Along the way we track
    the model that holds the last step, for "did you mean" suggestions.
    """
    path: list[str | int] = []
    node: Any = data
    model: type[BaseModel] | None = Bank
    annotation: Any = Bank
    owner: type[BaseModel] | None = None
    for step in loc:
        owner = model
        member = _union_member(annotation, step) if isinstance(step, str) and model is None else None
        if member is not None:  # a tag: not in the data
            annotation = model = member
            continue
        if isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
            annotation = _field_annotation(model, str(step)) if model else _value_annotation(annotation)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            path.append(step)
            node = node[step]
            annotation = _item_annotation(annotation)
        else:  # a key that is missing from the data
            path.append(step)
            node = None
            annotation = _field_annotation(model, str(step))
        model = _as_model(annotation)
    return tuple(path), owner


def _field_annotation(model: type[BaseModel] | None, name: str) -> Any:
    if model is None or name not in model.model_fields:
        return None
    return model.model_fields[name].annotation


def _item_annotation(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[0] if typing.get_origin(annotation) is list and args else None


def _value_annotation(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[1] if typing.get_origin(annotation) is dict and len(args) == 2 else None


def _union_members(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _union_member(annotation: Any, tag: str) -> type[BaseModel] | None:
    for member in _union_members(annotation):
        model = _as_model(member)
        if model and "type" in model.model_fields and tag in typing.get_args(model.model_fields["type"].annotation):
            return model
    return None


def _as_model(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation stands for, if exactly one (``Model | None`` counts)."""
    models = [m for m in _union_members(annotation) if isinstance(m, type) and issubclass(m, BaseModel)]
    return models[0] if len(models) == 1 else None


def _describe(path: Path_) -> str:
    """A reader's name for the place: "question 2 'greet-caller'", "option 3 of question 1"."""
    if not path:
        return "the bank"
    if path[0] == "questions" and len(path) >= 2 and isinstance(path[1], int):
        question = f"question {path[1] + 1}"
        rest = path[2:]
        if not rest:
            return question
        if rest[0] == "options" and len(rest) >= 2 and isinstance(rest[1], int):
            option = f"option {rest[1] + 1} of {question}"
            return option if len(rest) == 2 else f"'{rest[2]}' of {option}"
        if rest[0] == "answers" and len(rest) >= 2:
            return f"accepted answer {int(rest[1]) + 1} of {question}"
        if rest[0] in ("items", "pairs", "distractors") and len(rest) >= 2 and isinstance(rest[1], int):
            item = f"{_SINGULAR[rest[0]]} {rest[1] + 1} of {question}"
            return item if len(rest) == 2 else f"'{rest[2]}' of {item}"
        if rest[0] == "steps" and len(rest) >= 2:
            step = f"step '{rest[1]}' of {question}"
            if len(rest) >= 4 and rest[2] == "choices" and isinstance(rest[3], int):
                reply = f"reply {rest[3] + 1} of {step}"
                return reply if len(rest) == 4 else f"'{rest[4]}' of {reply}"
            return step if len(rest) == 2 else f"'{rest[2]}' of {step}"
        return f"'{rest[0]}' of {question}"
    return f"'{path[-1]}'"


_SINGULAR = {"items": "item", "pairs": "pair", "distractors": "distractor"}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "empty"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kebab(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
