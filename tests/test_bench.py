"""`make bench` in small: benchmarks/bench.py on 10 lessons, one run, so that it cannot rot."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build


def number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_the_bench_runs_and_writes_its_figures(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    small = ["--lessons", "10", "--runs", "1", "--warmup", "0", "--no-peer"]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/bench.py"), *small, "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "quizgen build time" in result.stdout
    results = json.loads(output.read_text(encoding="utf-8"))
    assert results["course"]["lessons"] == 10 and results["course"]["runs"] == 1
    for name in ("plain", "quizgen"):
        build = results["builds"][name]
        assert all(
            number(build[key]) for key in ("seconds", "cpu_seconds", "cpu_seconds_least", "peak_mb", "together_mb")
        ), build
        assert len(build["runs"]) == 1
    assert results["builds"]["mkdocs-quiz"] is None and "--no-peer" in results["peer_skipped"]
    assert set(results["ratios"]) == {"quizgen"}
    assert all(number(value) for value in results["ratios"]["quizgen"].values()), results["ratios"]
    assert number(results["load_seconds"]) and number(results["check_seconds"])
    beyond = results["beyond_plain"]
    assert isinstance(beyond["cpu_seconds"], float) and number(beyond["ratio_without_load"])
    payload = results["payload"]
    assert payload["total_gzip_bytes"] == payload["js_gzip_bytes"] + payload["css_gzip_bytes"] > 0
    assert payload["course_manifest_gzip_bytes"] > 0
    assert results["site"]["inline_bytes_on_a_page_without_a_quiz"] == 0
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["cpu"] and machine["python"]
    assert results["versions"]["mkdocs"] and results["versions"]["quizgen"]
