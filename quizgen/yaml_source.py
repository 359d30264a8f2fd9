"""Read YAML into plain Python data, remembering where every value stands.

The data is built straight from the parser's events (libyaml's, through
PyYAML), not from PyYAML's node tree: one Python step per event, with each
key's and value's line and column recorded as it goes by. Building it
ourselves also decides what an author's YAML may do:

- a key written twice is a problem (PyYAML would keep the last one quietly);
- an alias (``*name``) is never expanded: each anchor (``&name``) remembers
  how many values and how much text it holds, so an alias costs one step, and
  a bank that would pass the limits below once its aliases were written out
  (an "alias bomb") is refused at the alias that passes them;
- merge keys (``<<: *name``) work as YAML 1.1 says, the mapping's own keys
  winning, and a merged key's position is where it is written;
- tags other than the plain ones (``!!str``, ``!!int``, ...), nesting deeper
  than ``MAX_DEPTH`` and values YAML cannot read (``2024-13-45``) are problems;
- the builder keeps its own stack, so no input can exhaust Python's recursion.

The limits are in AUTHORING.md ("Limits"); keep the two in step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, NoReturn, cast

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from .problems import Problem, QuizgenError, Severity

# A bank file may be at most this many bytes; larger files are refused unread.
MAX_BYTES = 2_000_000
# With every alias written out in full, a bank may hold at most this many values
# (each key, each value and each list item counts) ...
MAX_VALUES = 200_000
# ... and this many characters of text in its keys and values.
MAX_TEXT = 2_000_000
# Lists and mappings may sit at most this many levels inside each other.
MAX_DEPTH = 50

# libyaml's parser is several times faster; positions and errors are the same.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG + "str"
_COLLECTION_TAGS = frozenset({None, "!", _YAML_TAG + "seq", _YAML_TAG + "map"})
# Tags an author may write on a value: they only say how to read it.
_SCALAR_TAGS = {
    _STR_TAG: "text",
    _YAML_TAG + "int": "a whole number",
    _YAML_TAG + "float": "a number",
    _YAML_TAG + "bool": "true or false",
    _YAML_TAG + "null": "empty",
}
# What a plain value YAML reads as something other than text reads as, for the messages.
_READ_AS = {**_SCALAR_TAGS, _YAML_TAG + "timestamp": "a date"}
# Plain values read as text even though YAML 1.1 gives them a tag of their own ('=', '<<').
_TEXT_TAGS = frozenset({_STR_TAG, _YAML_TAG + "value", _YAML_TAG + "merge", _YAML_TAG + "yaml"})
# A plain value can only be read as anything but text when it starts with one of these.
_NOT_ALWAYS_TEXT = frozenset(k for k in _Loader.yaml_implicit_resolvers if k)

# Plain values read before (keys such as 'prompt' recur thousands of times in a
# large course; 'true' and '2' too): all are immutable, so they can be shared.
_plain_values: dict[str, Any] = {}
_MISSING = object()

Path_ = tuple[str | int, ...]


class Position(NamedTuple):
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a YAML document stands.

    Positions are kept as plain (line, column) tuples, which the garbage
    collector need not track: a large course has hundreds of thousands.
    What an alias or a merge key brings in is not recorded again: ``aliases``
    sends a path under it to the path where the anchored value is written.
    """

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    aliases: dict[Path_, Path_] = field(default_factory=dict)

    def value(self, path: Path_) -> Position:
        """Position of the value at ``path``, or of its nearest enclosing value."""
        path = self._written(path)
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return Position(*found)
        return Position(1, 1)

    def key(self, path: Path_) -> Position:
        """Position of the key that names ``path`` (falls back to the value)."""
        found = self.keys.get(self._written(path))
        return Position(*found) if found is not None else self.value(path)

    def problem(
        self, path: Path_, message: str, hint: str = "", *, at_key: bool = False, severity: Severity = "error"
    ) -> Problem:
        pos = self.key(path) if at_key else self.value(path)
        return Problem(self.file, pos.line, pos.column, message, hint, severity)

    def _written(self, path: Path_) -> Path_:
        """The path where what ``path`` names is written: inside an alias's or a merged key's value,
        the same place under the anchored value. An alias's own path keeps its own position."""
        aliases = self.aliases
        if not aliases:
            return path
        for _ in range(len(aliases) + 1):  # each step goes to a place earlier in the file
            for end in range(len(path), 0, -1):
                target = aliases.get(path[:end])
                if target is not None and (end < len(path) or path not in self.values):
                    path = (*target, *path[end:])
                    break
            else:
                return path
        return path  # pragma: no cover - aliases only point back, so the steps end


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


def too_big(size: int, file: str) -> QuizgenError:
    """The refusal of a file of ``size`` bytes, over ``MAX_BYTES``."""
    return QuizgenError(
        [
            Problem(
                file,
                1,
                1,
                f"the file is {size:,} bytes; a question bank may be at most {MAX_BYTES:,} bytes "
                f"({MAX_BYTES // 1_000_000} MB)",
                "a bank this large is almost certainly a mistake, such as text pasted in by accident: remove what "
                "does not belong, or split the lesson and its questions in two",
            )
        ]
    )


def parse(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into data and its source map.

    Raises QuizgenError for syntax errors, duplicate keys, non-text keys,
    tags, an empty document and anything over the limits above.
    """
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise too_big(len(text.encode("utf-8", "surrogatepass")), file)
    loader = _Loader(text)
    try:
        builder = _Builder(loader, file)
        data = builder.document()
        if builder.problems:
            raise QuizgenError(builder.problems)
        return data, builder.source
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
    if "mapping values are not allowed" in what:
        hint = "text that contains ': ' must be put in quotes"
    elif at == "\t" or "'\\t'" in what:
        hint = "indent with spaces, not tabs"
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        hint = "check the indentation of this line and the one before it; items of a list start with '- '"
    elif "maximum nesting depth" in what:  # libyaml stops at 1,000 levels, before our own limit is seen
        hint = f"a bank needs a few levels, never more than {MAX_DEPTH}: check the brackets"
    else:
        hint = "check the indentation and quote any text that contains ': ' or starts with a special character"
    return Problem(file, line, column, f"YAML syntax error: {what}", hint)


def _at(event: Any) -> tuple[int, int]:
    """Where an event starts: line and column, counting from 1."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _short(text: str) -> str:
    """Some text, as a message quotes it: on one line and not too long."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    return repr(shown)[1:-1]


def _shown_tag(tag: str) -> str:
    """A tag as the author wrote it: '!!int', '!custom'."""
    return _short("!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag)


# What a mapping expects next: a key (``_KEY``), the value of a key that is skipped
# (written twice, or not a name), the value of a merge key, or (any other value)
# the value of that key. A list or the document expects ``None``: just a value.
_KEY = object()
_SKIP = object()
_MERGE = object()
_KEY_KINDS: dict[type, str] = {list: "a list", dict: "a mapping", type(None): "empty"}


class _Frame:
    """A list or mapping being built, or the document itself (``is_map`` None)."""

    __slots__ = (
        "anchor",
        "data",
        "is_map",
        "key",
        "merge",
        "path",
        "refused",
        "report",
        "start",
        "text_at",
        "values_at",
    )

    def __init__(self, path: Path_ | None, is_map: bool | None, report: bool, start: tuple[int, int]) -> None:
        self.path = path  # None: positions inside are not recorded (a key, or a value that is skipped)
        self.is_map = is_map
        self.data: Any = {} if is_map else [] if is_map is not None else None
        self.key: Any = _KEY if is_map else None
        self.report = report  # False inside what is skipped: one problem has said why
        self.start = start
        self.merge: tuple[Any, Path_ | None, tuple[int, int]] | None = None  # the merge key's value, path, place
        self.anchor: str | None = None
        self.refused = False  # a list or mapping with a tag that is not allowed: its value is empty
        self.values_at = self.text_at = 0  # the counts when an anchored value began

    def child(self) -> Path_ | None:
        """The path of the value that starts next in this list or mapping."""
        path = self.path
        if path is None:
            return None
        key = self.key
        if self.is_map:
            if key is _KEY or key is _SKIP:
                return None
            return (*path, "<<" if key is _MERGE else key)
        return (*path, len(self.data)) if self.is_map is not None else path


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.source = SourceMap(file)
        self.problems: list[Problem] = []
        self.values = 0  # values so far, each alias counted as the values it stands for
        self.text = 0  # characters of text in keys and values so far, likewise
        # anchor name -> (value, path where it is written, values it holds, characters it holds)
        self.anchors: dict[str, tuple[Any, Path_ | None, int, int]] = {}
        self.open_anchors: set[str] = set()  # anchors whose value is being built

    def document(self) -> Any:
        """Build the only document of the stream."""
        get: Callable[[], Any] = self.loader.get_event
        get()  # the stream's start
        if isinstance(get(), StreamEndEvent):
            raise QuizgenError(
                [
                    Problem(
                        self.file,
                        1,
                        1,
                        "the file is empty",
                        "start with 'title:' and a 'questions:' list; see the README for an example bank",
                    )
                ]
            )
        root = _Frame((), None, True, (1, 1))
        stack = [root]
        values, keys = self.source.values, self.source.keys
        # One step per event. Scalars are most events: the usual cases (text, in a
        # mapping or a list, without an anchor) are handled here, the rest in methods.
        while True:
            event = get()
            kind = event.__class__
            if kind is ScalarEvent:
                frame = stack[-1]
                text = event.value
                self.values += 1
                self.text += len(text)
                if self.values > MAX_VALUES or self.text > MAX_TEXT:
                    self._refuse(event, None)
                mark = event.start_mark
                at = (mark.line + 1, mark.column + 1)
                if event.tag is None and (not event.implicit[0] or (text and text[0] not in _NOT_ALWAYS_TEXT)):
                    value: Any = text  # quoted, a block, or plain text that cannot be read as anything else
                else:
                    value = self._scalar(event, at, frame.report and frame.key is not _SKIP)
                key = frame.key
                path = frame.path
                if event.anchor is not None:
                    self._anchored(frame, event, value, at)
                elif key is _KEY:
                    if value.__class__ is str and value != "<<" and value not in frame.data:
                        frame.key = value
                        if path is not None:
                            child = (*path, value)
                            keys[child] = at
                    else:
                        self._key(frame, value, at, event.implicit[0] and event.tag is None)
                elif key is None or key is _SKIP or key is _MERGE:  # in a list, the document, or special
                    self._place(frame, value, at)
                else:  # the value of a key
                    frame.data[key] = value
                    frame.key = _KEY
                    if path is not None:
                        child = (*path, key)
                        values[child] = at
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                stack.append(self._begin(event, stack))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = stack.pop()
                data = done.data
                if done.refused or done.merge is not None or done.anchor is not None:
                    data = self._end(done)
                frame = stack[-1]
                key = frame.key
                if frame.is_map is False:
                    frame.data.append(data)
                elif key is _KEY:
                    self._key(frame, data, done.start, False)
                elif key is None or key is _SKIP or key is _MERGE:
                    self._value(frame, data)
                else:
                    frame.data[key] = data
                    frame.key = _KEY
            elif kind is AliasEvent:
                self._alias(event, stack[-1])
            elif kind is DocumentEndEvent:
                break
        event = get()
        if isinstance(event, DocumentStartEvent):
            self._problem(_at(event), "the file holds more than one YAML document", "remove the '---' line")
        return root.data

    # --- what each event adds -------------------------------------------------

    def _end(self, done: _Frame) -> Any:
        """A list or mapping that is refused, has a merge key or an anchor ends: its value."""
        data = None if done.refused else self._merged(done) if done.merge is not None else done.data
        if done.anchor is not None:
            self.open_anchors.discard(done.anchor)
            counts = (self.values - done.values_at, self.text - done.text_at)
            self.anchors.setdefault(done.anchor, (data, done.path, *counts))
        return data

    def _place(self, frame: _Frame, value: Any, at: tuple[int, int]) -> None:
        """A complete value that is not a key: its position, then into its list or mapping."""
        path = frame.child()
        if path is not None:
            self.source.values[path] = at
        self._value(frame, value)

    def _value(self, frame: _Frame, value: Any) -> None:
        """``value`` is complete: it goes into its list or mapping, or is the document."""
        if frame.is_map:
            key = frame.key
            frame.key = _KEY
            if key is _MERGE:
                path = frame.path
                at = self.source.values.get((*path, "<<"), frame.start) if path is not None else frame.start
                frame.merge = (value, None if path is None else (*path, "<<"), at)
            elif key is not _SKIP:
                frame.data[key] = value
        elif frame.is_map is None:
            frame.data = value
        else:
            frame.data.append(value)

    def _scalar(self, event: Any, at: tuple[int, int], report: bool) -> Any:
        """A scalar that may not be text: read by its tag, or by what it looks like (true, 12, ~)."""
        text: str = event.value
        tag = event.tag
        if tag is None and event.implicit[0]:
            found = _plain_values.get(text, _MISSING)
            if found is not _MISSING:
                return found
            tag = cast(str, self.loader.resolve(ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]
            if tag in _TEXT_TAGS:
                value: Any = text
            else:
                value = self._construct(tag, text, at, report, "put it in quotes if it is text")
                if value is _MISSING:
                    return None
            if len(_plain_values) < 100_000:
                _plain_values[text] = value
            return value
        if tag is None or tag == "!" or tag == _STR_TAG:
            return text
        if tag not in _SCALAR_TAGS:
            if report:
                self._problem(
                    at,
                    f"the YAML tag '{_shown_tag(tag)}' is not allowed",
                    "remove the tag; text that starts with '!' must be put in quotes",
                )
            return None
        value = self._construct(tag, text, at, report, f"remove the tag '{_shown_tag(tag)}' or correct the value")
        return None if value is _MISSING else value

    def _construct(self, tag: str, text: str, at: tuple[int, int], report: bool, hint: str) -> Any:
        """What YAML reads ``text`` as under ``tag`` (a number, true or false, empty, a date),
        or _MISSING and a problem when it cannot ('2024-13-45', a number of 5,000 digits)."""
        construct = self.loader.yaml_constructors[tag]
        try:
            return construct(self.loader, ScalarNode(tag, text))
        except (ValueError, LookupError, AttributeError, ArithmeticError, TypeError, yaml.YAMLError):
            if report:
                self._problem(at, f"'{_short(text)}' cannot be read as {_READ_AS.get(tag, 'a value')}", hint)
            return _MISSING

    def _anchored(self, frame: _Frame, event: Any, value: Any, at: tuple[int, int]) -> None:
        """A scalar with an anchor ('&name text')."""
        path = frame.child()
        self._anchor(event.anchor, at, frame)
        self.anchors.setdefault(event.anchor, (value, path, 1, len(event.value)))
        if frame.key is _KEY:
            self._key(frame, value, at, False)
        else:
            self._place(frame, value, at)

    def _begin(self, event: Any, stack: list[_Frame]) -> _Frame:
        """A list or mapping starts: the frame that builds it."""
        frame = stack[-1]
        at = _at(event)
        if len(stack) > MAX_DEPTH:
            self._refuse_at(
                at,
                f"the lists and mappings here are nested more than {MAX_DEPTH} levels deep",
                "a bank needs only a few levels, for questions and their options: check the brackets and the "
                "indentation",
            )
        self.values += 1
        if self.values > MAX_VALUES:
            self._refuse(event, None)
        report = frame.report and frame.key is not _SKIP
        path = frame.child()
        if path is not None:
            self.source.values[path] = at
        refused = event.tag not in _COLLECTION_TAGS
        if refused:
            if report:
                self._problem(at, f"the YAML tag '{_shown_tag(event.tag)}' is not allowed", "remove the tag")
            path, report = None, False
        new = _Frame(path, isinstance(event, MappingStartEvent), report, at)
        new.refused = refused
        if event.anchor is not None:
            self._anchor(event.anchor, at, frame)
            new.anchor = event.anchor
            new.values_at, new.text_at = self.values - 1, self.text
            self.open_anchors.add(event.anchor)
        return new

    def _alias(self, event: Any, frame: _Frame) -> None:
        """'*name': the anchored value again, counted as all it holds but not copied."""
        at = _at(event)
        name = event.anchor
        found = self.anchors.get(name)
        target: Path_ | None = None
        value: Any = None
        if found is None:
            self.values += 1
            if not frame.report or frame.key is _SKIP:
                pass
            elif name in self.open_anchors:
                self._problem(
                    at,
                    f"the alias '*{_short(name)}' is inside the value it stands for",
                    "a value cannot contain itself: write out what you meant instead of the alias",
                )
            else:
                self._problem(
                    at,
                    f"the alias '*{_short(name)}' has no anchor '&{_short(name)}' before it",
                    "name a value with '&name' before writing '*name'; text that starts with '*' or '&' must be "
                    "put in quotes",
                )
        else:
            value, target, count, text = found
            self.values += count
            self.text += text
            if self.values > MAX_VALUES or self.text > MAX_TEXT:
                self._refuse(event, name)
        if frame.key is _KEY:
            self._key(frame, value, at, False)
            return
        path = frame.child()
        if path is not None and target is not None:
            self.source.aliases[path] = target
        self._place(frame, value, at)

    def _key(self, frame: _Frame, key: Any, at: tuple[int, int], plain: bool) -> None:
        """``key`` is the next key of the mapping ``frame``; ``plain``: written without quotes or tag."""
        path = frame.path
        if plain and key == "<<" and frame.merge is None:
            frame.key = _MERGE
            if path is not None:
                child = (*path, "<<")
                self.source.keys[child] = at
            return
        if not isinstance(key, str):
            if frame.report:
                what = _KEY_KINDS.get(type(key)) or (str(key).lower() if isinstance(key, bool) else _short(repr(key)))
                self._problem(
                    at,
                    f"a key must be a name, not {what}",
                    "keys are names such as 'prompt' or 'options'; put other text in quotes",
                )
            frame.key = _SKIP
            return
        if key in frame.data or (key == "<<" and frame.merge is not None):
            if frame.report:
                first = self.source.keys.get((*path, key)) if path is not None else None
                line = f" (first on line {first[0]})" if first else ""
                self._problem(at, f"the key '{_short(key)}' appears twice here{line}", "keep one of them")
            frame.key = _SKIP
            return
        frame.key = key
        if path is not None:
            child = (*path, key)
            self.source.keys[child] = at

    def _merged(self, frame: _Frame) -> Any:
        """A mapping with a merge key: the merged mappings' keys, then its own, its own winning."""
        assert frame.merge is not None
        value, path, at = frame.merge
        sources = value if isinstance(value, list) else [value]
        if not sources or not all(isinstance(source, dict) for source in sources):
            if frame.report:
                self._problem(
                    at,
                    "'<<' (merge) must be followed by a mapping to merge in: '<<: *name' or '<<: [*one, *other]'",
                    "name a mapping with '&name' and merge that, or write the keys out; "
                    "put '<<' in quotes if it is a key's name",
                )
            return frame.data
        merged: dict[str, Any] = {}
        own = frame.data
        for number, source in enumerate(sources):
            written = None if path is None else (*path, number) if isinstance(value, list) else path
            for key, item in source.items():
                if key in merged or key in own:
                    continue  # the mapping's own keys win, then the mappings listed first
                merged[key] = item
                if frame.path is not None and written is not None:
                    child = (*frame.path, key)
                    self.source.aliases[child] = (*written, key)
        merged.update(own)
        return merged

    def _anchor(self, name: str, at: tuple[int, int], frame: _Frame) -> None:
        """'&name' is written at ``at``: each name once."""
        if (name in self.anchors or name in self.open_anchors) and frame.report:
            self._problem(
                at, f"the anchor '&{_short(name)}' is used twice", "give each anchored value a name of its own"
            )

    # --- problems and refusals -------------------------------------------------

    def _problem(self, at: tuple[int, int], message: str, hint: str) -> None:
        self.problems.append(Problem(self.file, at[0], at[1], message, hint))

    def _refuse_at(self, at: tuple[int, int], message: str, hint: str) -> NoReturn:
        """Stop reading: the bank is over a limit. Only this problem is reported."""
        raise QuizgenError([Problem(self.file, at[0], at[1], message, hint)])

    def _refuse(self, event: Any, alias: str | None) -> NoReturn:
        """The count of values or of characters passed its limit at ``event``."""
        at = _at(event)
        if self.values > MAX_VALUES:
            size = f"more than {MAX_VALUES:,} values"
        else:
            size = f"more than {MAX_TEXT:,} characters of text"
        if alias is None:
            self._refuse_at(
                at,
                f"the bank holds {size}",
                "a bank this large is almost certainly a mistake: remove what does not belong, or split the lesson "
                "and its questions in two",
            )
        self._refuse_at(
            at,
            f"with every alias written out in full, this bank would hold {size}: the alias '*{_short(alias)}' "
            "here passes that limit",
            "aliases of aliases multiply, an 'alias bomb': write the values out, or repeat a value with an alias "
            "a few times at most",
        )
