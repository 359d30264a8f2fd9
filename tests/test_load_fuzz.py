"""Whatever an author saves, the loader answers with a bank or with problems
naming the file and line, never another exception, and within a second or two."""

from __future__ import annotations

import time
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_load import GOOD

from quizgen.load import parse_bank
from quizgen.problems import QuizgenError
from quizgen.yaml_source import MAX_BYTES, MAX_DEPTH

LINES = GOOD.splitlines(keepends=True)
YAMLISH = st.text(alphabet=st.sampled_from(list("abc-_:#'\"[]{}&*!|>%@`,? \t\n0123456789.\u00e9\\")), max_size=200)
# Each example must finish within this, however hostile (hypothesis fails an example that does not).
DEADLINE = timedelta(seconds=2)


def _loads_or_explains(raw: bytes | str) -> None:
    start = time.process_time()
    try:
        loaded = parse_bank(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw, "quizzes/fuzz.yml")
    except QuizgenError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "quizzes/fuzz.yml"
            assert problem.line >= 1 and problem.column >= 1, problem
            assert problem.message and "\n" not in problem.format(), problem
            assert len(problem.format()) < 1000, problem  # a message quotes values, never whole texts
    else:
        assert loaded.bank.questions
    # processor time, not the clock's: other work may share the machine
    assert time.process_time() - start < 2


@settings(max_examples=300, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_any_text(text: str) -> None:
    _loads_or_explains(text)


@settings(max_examples=200, deadline=DEADLINE)
@given(st.binary(max_size=200))
def test_any_bytes(raw: bytes) -> None:
    _loads_or_explains(raw)


@settings(max_examples=300, deadline=DEADLINE)
@given(
    st.lists(
        st.tuples(st.sampled_from(["drop", "twice", "indent", "dedent", "cut"]), st.integers(0, len(LINES) - 1)),
        min_size=1,
        max_size=4,
    )
)
def test_a_good_bank_with_lines_broken(edits: list[tuple[str, int]]) -> None:
    lines = list(LINES)
    for edit, index in edits:
        index %= len(lines)
        if edit == "drop" and len(lines) > 1:
            del lines[index]
        elif edit == "twice":
            lines.insert(index, lines[index])
        elif edit == "indent":
            lines[index] = "  " + lines[index]
        elif edit == "dedent":
            lines[index] = lines[index].lstrip(" ")
        elif edit == "cut":
            lines[index] = lines[index][: len(lines[index]) // 2] + "\n"
    _loads_or_explains("".join(lines))


# --- YAML's sharper features: anchors, aliases, merge keys, tags, depth, size -----------

WORDS = st.sampled_from(
    [
        *("id", "type", "prompt", "options", "text", "correct", "answer", "answers", "single", "true_false"),
        *("yes", "no", "~", "", "12", "-1.5e3", "0x1F", ".inf", "2024-01-01", "2024-13-45", "=", "<<", "9" * 5000),
        *("'quoted: text'", '"double \\u00e9"', "Hello?", "é", "*"),
    ]
)
KEYS = st.sampled_from(["id", "type", "prompt", "options", "text", "answer", "yes", "~", "12", "'<<'", "<<", "é"])
HUGE = [1_000, 10_000, 100_000, 300_000, MAX_BYTES // 2 - 100, MAX_BYTES + 10]
TAGS = st.sampled_from(
    [
        *("", "", "", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ", "!!timestamp ", "!!set "),
        *("!!omap ", "!!pairs ", "!!merge ", "!!value ", "!!python/object:os.system ", "!!python/name:os.system "),
        *("!foo ", "! ", "!<tag:example.com,2024:x> "),
    ]
)


@st.composite
def hostile_node(draw: st.DrawFn, anchors: list[str], depth: int = 0) -> str:
    """A YAML value in flow style, any part of it maybe tagged, anchored or an alias, with merge keys."""
    prefix = draw(TAGS)
    if draw(st.integers(0, 4)) == 0:
        name = f"a{len(anchors)}"
        prefix = f"&{name} {prefix}"
    else:
        name = ""
    kinds = (
        ["scalar"] * 4 + ["alias"] * 3 + ["list", "list", "map", "map", "map", "huge"]
        if depth < 5
        else ["scalar", "alias"]
    )
    kind = draw(st.sampled_from(kinds))
    if kind == "alias":
        value = "*" + draw(st.sampled_from([*anchors, "nowhere"]))
        prefix = ""  # an alias takes neither tag nor anchor
        name = ""
    elif kind == "scalar":
        value = draw(WORDS)
    elif kind == "huge":  # long texts, up to past the size limit ('é' is two bytes)
        value = "'" + draw(st.sampled_from("xé")) * draw(st.sampled_from(HUGE)) + "'"
    elif kind == "list":
        items = draw(st.lists(hostile_node(anchors, depth + 1), max_size=6))
        if draw(st.booleans()) and anchors:  # a bomb's building block: one alias many times
            items += [f"*{draw(st.sampled_from(anchors))}"] * draw(st.integers(1, 12))
        value = "[" + ", ".join(items) + "]"
    else:
        entries = [f"{draw(KEYS)}: {item}" for item in draw(st.lists(hostile_node(anchors, depth + 1), max_size=5))]
        if draw(st.booleans()) and anchors:
            merged = draw(st.lists(st.sampled_from(anchors), min_size=1, max_size=9))
            entries.insert(
                0, "<<: " + ("*" + merged[0] if len(merged) == 1 else "[" + ", ".join(f"*{m}" for m in merged) + "]")
            )
        value = "{" + ", ".join(entries) + "}"
    if name:
        anchors.append(name)
    return prefix + value


@st.composite
def hostile_bank(draw: st.DrawFn) -> str:
    anchors: list[str] = []
    lines = [
        f"{draw(st.sampled_from(['title', 'questions', 'pass_mark', 'shared', 'x']))}: {draw(hostile_node(anchors))}"
    ]
    lines += [f"k{n}: {draw(hostile_node(anchors))}" for n in range(draw(st.integers(0, 4)))]
    if draw(st.booleans()):
        lines.append("questions:")
        for node in draw(st.lists(hostile_node(anchors), max_size=4)):
            lines.append(f"  - {node}")
    depth = draw(st.sampled_from([0, 0, 3, MAX_DEPTH - 2, MAX_DEPTH + 1, 1200]))  # 1200: past libyaml's own limit
    lines.append("deep: " + "[" * depth + "x" + "]" * depth)
    if draw(st.booleans()) and len(anchors) >= 1:  # a bomb of up to twelve levels of twelve aliases
        levels, width = draw(st.integers(1, 12)), draw(st.integers(1, 12))
        previous = anchors[-1]
        for level in range(levels):
            lines.append(f"b{level}: &b{level} [" + ", ".join([f"*{previous}"] * width) + "]")
            previous = f"b{level}"
    return "\n".join(lines) + "\n"


@settings(
    max_examples=250,
    deadline=DEADLINE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(hostile_bank())
def test_anchors_aliases_merges_tags_depth_and_size(text: str) -> None:
    _loads_or_explains(text)


@settings(max_examples=150, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(["&a", "*a", "<<: *a", "!!str", "!foo", "[", "{"]), st.integers(0, len(LINES) - 1)),
        min_size=1,
        max_size=6,
    )
)
def test_a_good_bank_with_anchors_aliases_and_tags_sprinkled_in(edits: list[tuple[str, int]]) -> None:
    lines = list(LINES)
    for edit, index in edits:
        line = lines[index % len(lines)]
        head, colon, rest = line.partition(": ")
        if colon:  # into a value
            lines[index % len(lines)] = f"{head}: {edit} {rest}"
        else:  # or a line of its own, at the same indentation
            indent = len(line) - len(line.lstrip(" "))
            lines.insert(index % len(lines), " " * indent + f"{edit}\n")
    _loads_or_explains("".join(lines))
