"""Whatever an author saves, the loader answers with problems, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_load import GOOD

from quizgen.load import parse_bank
from quizgen.problems import QuizgenError

LINES = GOOD.splitlines(keepends=True)
YAMLISH = st.text(alphabet=st.sampled_from(list("abc-_:#'\"[]{}&*!|>%@`,? \t\n0123456789.\u00e9\\")), max_size=200)


def _loads_or_explains(raw: bytes | str) -> None:
    try:
        loaded = parse_bank(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw, "quizzes/fuzz.yml")
    except QuizgenError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "quizzes/fuzz.yml"
            assert problem.line >= 1 and problem.column >= 1, problem
            assert problem.message
    else:
        assert loaded.bank.questions


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_any_text(text: str) -> None:
    _loads_or_explains(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes(raw: bytes) -> None:
    _loads_or_explains(raw)


@settings(max_examples=300, deadline=None)
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
