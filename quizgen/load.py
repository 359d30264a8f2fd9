"""Load a question bank: file -> text -> YAML data -> validated Bank."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import yaml_source
from .messages import to_problems
from .model import Bank
from .problems import Problem, QuizgenError
from .yaml_source import SourceMap


@dataclass(frozen=True)
class LoadedBank:
    """A valid bank with the map back to its source, for later checks."""

    bank: Bank
    source: SourceMap

    @property
    def file(self) -> str:
        return self.source.file


def load_bank(path: Path, display: str | None = None) -> LoadedBank:
    """Read and validate one bank file; raise QuizgenError listing every problem."""
    file = display or str(path)
    try:
        size = path.stat().st_size
        if size > yaml_source.MAX_BYTES:  # refused unread: it could be any size
            raise yaml_source.too_big(size, file)
        raw = path.read_bytes()
    except OSError as exc:
        raise QuizgenError([Problem(file, 0, 0, f"cannot read the file: {exc.strerror}")]) from None
    return parse_bank(raw, file)


def parse_bank(raw: bytes | str, file: str) -> LoadedBank:
    if isinstance(raw, bytes) and len(raw) > yaml_source.MAX_BYTES:
        raise yaml_source.too_big(len(raw), file)
    text = yaml_source.decode(raw, file) if isinstance(raw, bytes) else raw
    data, source = yaml_source.parse(text, file)
    if not isinstance(data, dict):
        raise QuizgenError(
            [
                source.problem(
                    (),
                    "a question bank must be a set of 'key: value' lines at the top level",
                    "start with 'title: ...' and a 'questions:' list, as in the README's example",
                )
            ]
        )
    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        raise QuizgenError(to_problems(exc.errors(), data, source)) from None
    return LoadedBank(bank, source)
