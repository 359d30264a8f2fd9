"""Read YAML into plain Python data, remembering where every value stands.

PyYAML's composer gives a node tree with positions; we build the data from it
ourselves so that each key and value keeps its line and column, and so that
duplicate keys (which PyYAML would silently overwrite) are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, QuizgenError, Severity

# libyaml's parser is several times faster; positions and errors are the same.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, with tag resolution remembered: keys such as 'prompt'
    recur thousands of times in a large course, and resolving is the parser's
    costliest Python step."""

    _resolved: ClassVar[dict[tuple[Any, str, tuple[bool, bool]], str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not ScalarNode or not isinstance(value, str):
            return super().resolve(kind, value, implicit)
        key = (kind, value, tuple(implicit))
        tag = self._resolved.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) < 100_000:
                self._resolved[key] = tag
        return tag


Path_ = tuple[str | int, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


class Position(NamedTuple):
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a YAML document stands.

    Positions are kept as plain (line, column) tuples, which the garbage
    collector need not track: a large course has hundreds of thousands.
    """

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: Path_) -> Position:
        """Position of the value at ``path``, or of its nearest enclosing value."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return Position(*found)
        return Position(1, 1)

    def key(self, path: Path_) -> Position:
        """Position of the key that names ``path`` (falls back to the value)."""
        found = self.keys.get(path)
        return Position(*found) if found is not None else self.value(path)

    def problem(
        self, path: Path_, message: str, hint: str = "", *, at_key: bool = False, severity: Severity = "error"
    ) -> Problem:
        pos = self.key(path) if at_key else self.value(path)
        return Problem(self.file, pos.line, pos.column, message, hint, severity)


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text, or a problem naming the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise QuizgenError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
                    "save the file with UTF-8 encoding in your editor",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into data and its source map.

    Raises QuizgenError for syntax errors, duplicate keys, non-text keys and
    an empty document.
    """
    source = SourceMap(file)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise QuizgenError(
                [
                    Problem(
                        file,
                        1,
                        1,
                        "the file is empty",
                        "start with 'title:' and a 'questions:' list; see the README for an example bank",
                    )
                ]
            )
        builder = _Builder(loader, source)
        data = builder.build(node, ())
        if builder.problems:
            raise QuizgenError(builder.problems)
        return data, source
    except yaml.MarkedYAMLError as exc:
        raise QuizgenError([_syntax_problem(exc, file, text)]) from None
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow
        position = getattr(exc, "position", 0) or 0
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
        raise QuizgenError(
            [
                Problem(
                    file,
                    line,
                    column,
                    "the file contains a control character that YAML does not allow",
                    "delete the invisible character (often pasted in from another program)",
                )
            ]
        ) from None
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or exc.context or "the YAML cannot be read"
    lines = text.splitlines()
    at = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    if "expected a single document" in what or "but found another document" in what:
        return Problem(file, line, column, "the file holds more than one YAML document", "remove the '---' line")
    if "mapping values are not allowed" in what:
        hint = "text that contains ': ' must be put in quotes"
    elif at == "\t" or "'\\t'" in what:
        hint = "indent with spaces, not tabs"
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        hint = "check the indentation of this line and the one before it; items of a list start with '- '"
    elif "found undefined alias" in what:
        hint = "text that starts with '*' or '&' must be put in quotes"
    elif "could not determine a constructor" in what:
        hint = "text that starts with '!' must be put in quotes"
    else:
        hint = "check the indentation and quote any text that contains ': ' or starts with a special character"
    return Problem(file, line, column, f"YAML syntax error: {what}", hint)


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, source: SourceMap) -> None:
        self.loader = loader
        self.source = source
        self.problems: list[Problem] = []
        self._open: set[int] = set()

    def build(self, node: Node, path: Path_) -> Any:
        if path not in self.source.values:
            mark = node.start_mark
            self.source.values[path] = (mark.line + 1, mark.column + 1)
        if id(node) in self._open:  # an alias that contains itself
            self.problems.append(self.source.problem(path, "an alias refers to itself", "remove the alias"))
            return None
        if isinstance(node, ScalarNode):
            if node.tag == _STR_TAG:  # most values: skip the constructor's bookkeeping
                return node.value
            return self.loader.construct_object(node, deep=True)
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(
                self.source.problem(path, f"the YAML tag '{node.tag}' is not allowed", "remove the tag")
            )
            return None
        self._open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            return self.loader.construct_object(node, deep=True)  # pragma: no cover - no other node kinds
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        self.loader.flatten_mapping(node)  # resolves '<<' merge keys
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                pos = _position(key_node)
                self.problems.append(
                    Problem(
                        self.source.file,
                        pos.line,
                        pos.column,
                        f"the key {key!r} is not a name",
                        "keys are names such as 'prompt' or 'options'; put other text in quotes",
                    )
                )
                continue
            child = (*path, key)
            if key in result:
                first = Position(*self.source.keys[child])
                pos = _position(key_node)
                self.problems.append(
                    Problem(
                        self.source.file,
                        pos.line,
                        pos.column,
                        f"the key '{key}' appears twice here (first on line {first.line})",
                        "keep one of them",
                    )
                )
                continue
            self.source.keys[child] = tuple(_position(key_node))  # type: ignore[assignment]
            result[key] = self.build(value_node, child)
        return result


def _position(node: Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)
