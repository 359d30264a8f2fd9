"""The runtime's JavaScript units under Node's built-in test runner (``node --test``),
against the same vectors as Python: every scoring case and every attempt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_attempt import ATTEMPTS
from test_score import VECTORS, bank_of

from quizgen.attempt import Group
from quizgen.kinds import QUESTION_TYPES
from quizgen.model import Bank
from quizgen.render import runtime_data

NODE_TEST = Path(__file__).parent / "js" / "runtime.test.mjs"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("Node.js 18 or newer is needed: make test installs it")
    return found


def test_the_runtime_units_pass_the_shared_vectors_under_node(tmp_path: Path) -> None:
    cases: dict[str, Any] = {
        "kinds": list(QUESTION_TYPES),
        "generator": ATTEMPTS["generator"],
        "scoring": [
            {
                "name": case["name"],
                "data": runtime_data(bank_of(case), "v"),
                "responses": case["responses"],
                "shown": case.get("shown"),
                "hints": case.get("hints"),
                "expected": case["expected"],
            }
            for case in VECTORS
        ],
        "attempts": [
            {
                "name": case["name"],
                "data": runtime_data(
                    Bank.model_validate(case["bank"]), "v", groups=[Group(**g) for g in case.get("groups", [])]
                ),
                "seed": case["seed"],
                "expected": case["expected"],
            }
            for case in ATTEMPTS["cases"]
        ],
    }
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    result = subprocess.run(
        [node(), "--test", "--test-reporter=tap", str(NODE_TEST)],
        env={**os.environ, "QUIZGEN_CASES": str(tmp_path / "cases.json")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    expected_tests = 1 + len(VECTORS) + len(ATTEMPTS["cases"]) + 1
    assert f"# pass {expected_tests}" in result.stdout, result.stdout[-2000:]
