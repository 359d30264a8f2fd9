"""The browser store's format, migration and fallbacks, and the compact summary,
under Node's built-in test runner (``node --test tests/js/store.test.mjs``)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from test_runtime_node import node

NODE_TEST = Path(__file__).parent / "js" / "store.test.mjs"


def test_the_store_units_pass_under_node() -> None:
    result = subprocess.run(
        [node(), "--test", "--test-reporter=tap", str(NODE_TEST)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # every test in the file ran: none was skipped or lost
    expected_tests = len(re.findall(r"^test\(", NODE_TEST.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert expected_tests >= 20
    assert f"# pass {expected_tests}" in result.stdout, result.stdout[-2000:]
    assert "# fail 0" in result.stdout, result.stdout[-2000:]
