"""Build speed, side by side: plain MkDocs, quizgen and the peer plugin mkdocs-quiz.

Generates a course (check_speed.py's lessons and banks: about 600 words and
10 questions per lesson, in modules of 20) and builds it three ways with the
same lessons, theme, search plugin and Markdown extensions:

- plain: no quiz plugin (the banks are not read);
- quizgen: this project's plugin, configured as the course is (final check on);
- mkdocs-quiz: the peer plugin on the same questions in its own syntax, from
  the virtual environment `make bench-peer` creates (.venv-peer); skipped,
  and said so, when that is not installed.

Every build is a fresh `mkdocs build` process (imports included). After one
untimed build of each (caches, the minified runtime), the builds alternate
for --runs rounds, each round in a rotated order; the figures are medians.
Wall time is what a user waits for; CPU time (user + system of the build's
processes) is steadier on a shared machine, and the least CPU time of the
runs is what a build takes when nothing else gets in its way. Builds run
with Python's bytecode cache on, as a user's do. Peak memory is the largest
resident set of a build's processes; "all" is the most that all of them held
at once (sampled every 10 ms in the untimed warm-up build: the resident set
of the build's process and the private memory of each process it started,
so that a page they share is counted once: a floor when a build starts
processes; never less than the first process's own peak, which sampling
can miss).
Also timed: `quizgen check` on the course, and loading its banks in this
process (the share of a build that the YAML loader takes).
The payload is what every page loads of ours, script and stylesheet, gzipped.

    .venv/bin/python benchmarks/bench.py [--lessons 300] [--runs 4] [--output benchmarks/results.json]

Prints the ratios and writes them, with the machine and versions, to --output.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_speed import bank, lesson  # the generator beside this script

ROOT = Path(__file__).resolve().parent.parent
PEER_VENV = ROOT / ".venv-peer"
PEER_VERSION = "1.7.1"
# The packages a build runs on: the peer's environment gets the same versions as ours.
PINNED = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown")
PER_MODULE = 20
SENTENCES, PARAGRAPHS = 4, 1  # check_speed.lesson(): about 600 words
TARGETS = {"time": 1.10, "memory": 1.30, "payload_bytes": 10 * 1024}

SITE = """\
site_name: Benchmark course
site_url: http://127.0.0.1:8000/
docs_dir: {docs_dir}
site_dir: {site_dir}
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.instant
    - navigation.tracking
    - navigation.sections
    - navigation.footer
    - navigation.indexes
    - navigation.top
    - toc.follow
    - content.tooltips
plugins:
  - search
{plugins}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""
QUIZGEN_PLUGIN = """\
  - quizgen:
      final_check:
        enabled: true
        per_lesson: 2
        pass_mark: 80
"""
PEER_PLUGIN = "  - mkdocs_quiz\n"


# --- the course ---------------------------------------------------------------


def lesson_path(number: int) -> str:
    return f"module-{number // PER_MODULE + 1:02d}/lesson-{number:04d}"


def make_course(folder: Path, lessons: int, questions: int, peer: bool) -> None:
    """The lessons and banks, and a configuration for each way of building them."""
    for docs in ("content", "content-peer") if peer else ("content",):
        (folder / docs).mkdir(parents=True)
        (folder / docs / "index.md").write_text("# Benchmark course\n\nLessons with self-checks.\n", encoding="utf-8")
        for module in range((lessons + PER_MODULE - 1) // PER_MODULE):
            (folder / docs / f"module-{module + 1:02d}").mkdir()
            (folder / docs / f"module-{module + 1:02d}/index.md").write_text(
                f"# Module {module + 1}\n\nThe lessons of module {module + 1}.\n", encoding="utf-8"
            )
    for number in range(lessons):
        text = lesson(number, SENTENCES, PARAGRAPHS)
        (folder / "content" / f"{lesson_path(number)}.md").write_text(text, encoding="utf-8")
        bank_file = folder / "quizzes" / f"{lesson_path(number)}.yml"
        bank_file.parent.mkdir(parents=True, exist_ok=True)
        bank_file.write_text(bank(number, questions), encoding="utf-8")
        if peer:
            quizzes = peer_quizzes(bank_file)
            (folder / "content-peer" / f"{lesson_path(number)}.md").write_text(
                f"{text}\n## Check yourself\n\n{quizzes}", encoding="utf-8"
            )
    configs = {
        "mkdocs-plain.yml": SITE.format(docs_dir="content", site_dir="site-plain", plugins=""),
        "mkdocs.yml": SITE.format(docs_dir="content", site_dir="site-quizgen", plugins=QUIZGEN_PLUGIN),
        "mkdocs-peer.yml": SITE.format(docs_dir="content-peer", site_dir="site-peer", plugins=PEER_PLUGIN),
    }
    for name, text in configs.items():
        (folder / name).write_text(text, encoding="utf-8")


def peer_quizzes(bank_file: Path) -> str:
    """A bank's questions in mkdocs-quiz's syntax: checkboxes ([x] right), '> feedback' under an
    option, [[answer]] for a blank, and the explanation after the options."""
    from quizgen.load import load_bank

    blocks = []
    for question in load_bank(bank_file).bank.questions:
        data = question.model_dump()
        kind, explanation = data["type"], data.get("explanation") or ""
        if kind in ("single", "multiple"):
            lines = [data["prompt"]]
            for option in data["options"]:
                lines.append(f"- [{'x' if option['correct'] else ' '}] {option['text']}")
                if option.get("feedback"):
                    lines.append(f"    > {option['feedback']}")
            body = "\n".join(lines) + (f"\n\n{explanation}" if explanation else "")
        elif kind == "true_false":
            answer = data["answer"]
            body = f"{data['prompt']}\n- [{'x' if answer else ' '}] True\n- [{' ' if answer else 'x'}] False"
            body += f"\n\n{explanation}" if explanation else ""
        elif kind == "fill_blank":
            prompt = re.sub(r"_{2,}", f"[[{data['answers'][0]}]]", data["prompt"], count=1)
            body = prompt + (f"\n\n---\n\n{explanation}" if explanation else "")
        else:
            raise SystemExit(f"the peer syntax has no {kind} questions: the generated course should not have them")
        blocks.append(f"<quiz>\n{body}\n</quiz>\n")
    return "\n".join(blocks)


# --- running and measuring ----------------------------------------------------


@dataclass
class Variant:
    name: str
    python: Path
    config: str
    site: str
    runs: list[dict[str, float]] = field(default_factory=list)
    together_mb: float = 0.0  # the most that all its processes held at once (warm-up, sampled)


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system of the process and the children it waited for
    peak_mb: float  # the largest maximum resident set of the process and those children
    together_mb: float = 0.0  # sampled runs: the most all its processes held at once (see _held_mb)

    def as_dict(self) -> dict[str, float]:
        return {"seconds": self.seconds, "cpu_seconds": self.cpu_seconds, "peak_mb": self.peak_mb}


def build_env() -> dict[str, str]:
    # As a user's builds run: with Python's bytecode cache (the warm-up writes quizgen's, as any first build
    # does; the installed packages came with theirs), whatever this shell says.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_process(command: list[str], cwd: Path, *, sample: bool = False) -> Run:
    """Run one process to its end; its own resource use, from wait4 (not every child's so far). With
    ``sample``, also the most memory that it and its children held at once, read every 10 ms (``_held_mb``;
    the sampling costs time)."""
    env = build_env()
    together = 0.0
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if sample else 0)
            if pid:
                break
            together = max(together, _held_mb(process.pid))
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{text[-3000:]}")
    peak = usage.ru_maxrss / 1024  # Linux reports it in kilobytes
    # all the processes held at least what the first held at its peak, which sampling can miss (a build's
    # last moments: plain MkDocs at 1,000 lessons peaks at 69 MB, sampled at 65 MB)
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, max(together, peak) if sample else 0.0)


def _held_mb(pid: int) -> float:
    """The memory a process and its descendants hold now: its resident set, and each descendant's private
    pages (those it shares with the process, such as pages inherited by a fork, are counted once, in the
    process's resident set). For a build that starts processes this is a floor: a page that a descendant
    shares with a process other than the first (another descendant, or this script) goes uncounted.
    Proportional set sizes would share out among every process on the machine the pages of libraries that
    others map too, and so count a single process's build at less than its resident set, and its ratio
    against another build's wrongly."""
    kilobytes, pids = 0, [pid]
    while pids:
        current = pids.pop()
        fields = ("Rss:",) if current == pid else ("Private_Clean:", "Private_Dirty:")
        try:
            for task in Path(f"/proc/{current}/task").iterdir():  # the children of each of its threads
                pids += [int(child) for child in (task / "children").read_text().split()]
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as rollup:
                kilobytes += sum(int(line.split()[1]) for line in rollup if line.startswith(fields))
        except (OSError, ValueError):
            continue  # it ended meanwhile
    return kilobytes / 1024


def build(variant: Variant, course: Path, *, sample: bool = False) -> Run:
    shutil.rmtree(course / variant.site, ignore_errors=True)
    command = [str(variant.python), "-m", "mkdocs", "build", "--config-file", variant.config]
    return run_process(command, course, sample=sample)


def count_instructions(variants: list[Variant], course: Path) -> dict[str, int]:
    """The instructions one build of each kind executes, counted by valgrind (callgrind): on a shared
    machine the same figure whatever else runs, so the builds run side by side. Slow: about 100 times
    a build's time."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    running = {}
    for variant in variants:
        shutil.rmtree(course / variant.site, ignore_errors=True)
        command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", str(variant.python)]
        running[variant.name] = subprocess.Popen(
            [*command, "-m", "mkdocs", "build", "--config-file", variant.config],
            cwd=course,
            env=build_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    counts = {}
    for name, process in running.items():
        _, errors = process.communicate()
        # one count per process, should a build start more than one
        found = re.findall(r"Collected : (\d+)", errors)
        if process.returncode != 0 or not found:
            raise SystemExit(f"counting the instructions of the {name} build failed:\n{errors[-3000:]}")
        counts[name] = sum(int(count) for count in found)
    return counts


def peer_python() -> tuple[Path | None, str]:
    """The peer's interpreter, or None and why not."""
    python = PEER_VENV / "bin" / "python"
    if not python.is_file():
        return None, f"not installed: `make bench-peer` installs mkdocs-quiz {PEER_VERSION} into .venv-peer"
    found = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('mkdocs-quiz'))"],
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        return None, "mkdocs-quiz is missing from .venv-peer: run `make bench-peer` again"
    return python, found.stdout.strip()


def check_site(course: Path, questions: int, peer: bool) -> dict[str, Any]:
    """Each build did what it should: quizzes on the lessons (or none), nothing of ours inline on the home page."""
    first = f"{lesson_path(0)}/index.html"
    plain = (course / "site-plain" / first).read_text(encoding="utf-8")
    ours = (course / "site-quizgen" / first).read_text(encoding="utf-8")
    if "quizgen-quiz" in plain or ours.count('class="quizgen-question"') != questions:
        raise SystemExit(f"the builds are not what they should be: see {course}")
    if (
        peer
        and (course / "site-peer" / first).read_text(encoding="utf-8").count('class="quiz-header-link"') != questions
    ):
        raise SystemExit(f"mkdocs-quiz did not render every question: see {course}")
    home_plain = (course / "site-plain/index.html").read_text(encoding="utf-8")
    home_ours = (course / "site-quizgen/index.html").read_text(encoding="utf-8")
    inline = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>.*?</script>|<style[^>]*>.*?</style>", re.S)
    extra = set(inline.findall(home_ours)) - set(inline.findall(home_plain))
    return {
        "inline_bytes_on_a_page_without_a_quiz": sum(len(item.encode()) for item in extra)
        + sum(len(m.group(0)) for m in re.finditer(r'<[^>]+class="quizgen[^"]*"', home_ours)),
    }


def payload(course: Path) -> dict[str, int]:
    """What every page loads of ours, gzipped: the runtime and its stylesheet (the 10 KB target), and
    apart from them the course's manifest, which lists every lesson and so grows with the course."""
    from quizgen import runtime

    def gzipped(text: str) -> int:
        return len(gzip.compress(text.encode("utf-8"), 9))

    js, css = gzipped(runtime.script().content), gzipped(runtime.stylesheet().content)
    (manifest,) = (course / "site-quizgen/assets/quizgen").glob("course.*.js")
    return {
        "js_gzip_bytes": js,
        "css_gzip_bytes": css,
        "total_gzip_bytes": js + css,
        "course_manifest_gzip_bytes": gzipped(manifest.read_text(encoding="utf-8")),
    }


def time_load(course: Path, runs: int) -> float:
    """CPU time of loading and validating every bank (YAML, source map, models: quizgen.load's work, without
    what the plugin does after), in this process, after one untimed load."""
    from quizgen.course import load_course

    def once() -> float:
        start = time.process_time()
        loaded = load_course(course / "quizzes", course / "content", root=course)
        seconds = time.process_time() - start
        if loaded.problems:
            raise SystemExit(loaded.problems[0].format())
        return seconds

    once()
    return statistics.median(once() for _ in range(runs))


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("nan")


# --- the report ---------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
    }


def versions(peer_version: str | None) -> dict[str, str | None]:
    found: dict[str, str | None] = {"quizgen": version("quizgen")}
    for name in PINNED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    found["mkdocs-quiz"] = peer_version
    return found


def pins() -> str:
    """Our build's packages, pinned: what `make bench-peer` installs beside mkdocs-quiz."""
    return " ".join(f"{name}=={version(name)}" for name in PINNED)


def summary(results: dict[str, Any]) -> str:
    course, builds = results["course"], results["builds"]
    lines = [
        f"{course['lessons']} lessons, {course['questions']} questions and about {course['words_per_lesson']} "
        f"words each; {course['runs']} alternating runs, medians",
        f"{'build':<12} {'wall s':>8} {'cpu s':>8} {'least':>8} {'peak MB':>8} {'all MB':>7}   vs plain: time   cpu "
        "least memory all",
    ]
    for name, figures in builds.items():
        if figures is None:
            continue
        r = results["ratios"].get(name)
        versus = (
            f"{r['time']:>15.2f} {r['cpu']:>5.2f} {r['cpu_least']:>5.2f} {r['memory']:>6.2f} "
            f"{r['memory_together']:>4.2f}"
            if r
            else ""
        )
        wall, cpu, least, peak, together = (
            figures["seconds"],
            figures["cpu_seconds"],
            figures["cpu_seconds_least"],
            figures["peak_mb"],
            figures["together_mb"],
        )
        lines.append(f"{name:<12} {wall:>8.2f} {cpu:>8.2f} {least:>8.2f} {peak:>8.0f} {together:>7.0f}   {versus}")
    if results["instructions"]:
        counted = results["instructions"]
        lines.append(
            "instructions (valgrind), vs plain: "
            + ", ".join(f"{name} {counted[name] / counted['plain']:.3f}" for name in counted if name != "plain")
        )
    if results["peer_skipped"]:
        lines.append(f"mkdocs-quiz: skipped, {results['peer_skipped']}")
    ours = results["ratios"]["quizgen"]
    size = results["payload"]
    lines += [
        f"quizgen build time {ours['time']:.2f}x plain (target at most {TARGETS['time']:.2f}x), "
        f"peak memory {ours['memory']:.2f}x, of all its processes at once {ours['memory_together']:.2f}x "
        f"(target at most {TARGETS['memory']:.2f}x)",
        f"quizgen's CPU beyond plain (least of the runs): {results['beyond_plain']['cpu_seconds']:.2f} s, of which "
        f"loading the banks {results['load_seconds']:.2f} s (timed in process); without the loading, "
        f"{results['beyond_plain']['ratio_without_load']:.2f}x plain",
        f"quizgen check: {results['check_seconds']:.2f} s",
        f"every page loads of ours: {size['js_gzip_bytes']} + {size['css_gzip_bytes']} = "
        f"{size['total_gzip_bytes']} bytes gzipped (target at most {TARGETS['payload_bytes']}), and the course's "
        f"manifest {size['course_manifest_gzip_bytes']} bytes; inline on a page without a quiz: "
        f"{results['site']['inline_bytes_on_a_page_without_a_quiz']} bytes",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--questions", type=int, default=10, help="per lesson")
    parser.add_argument("--runs", type=int, default=4, help="timed builds of each kind")
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="untimed builds of each kind first; at least one, which also measures its processes' memory together",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks/results.json")
    parser.add_argument("--no-peer", action="store_true", help="leave mkdocs-quiz out even when installed")
    parser.add_argument(
        "--instructions", action="store_true", help="also count one build's instructions of each kind (valgrind; slow)"
    )
    parser.add_argument("--keep", type=Path, help="generate the course in this (new) folder and keep it")
    parser.add_argument("--pins", action="store_true", help="print our build's packages, pinned, and stop")
    args = parser.parse_args()
    if args.pins:
        print(pins())
        return
    started = datetime.datetime.now(datetime.timezone.utc)
    peer_python_, peer_found = (None, "left out (--no-peer)") if args.no_peer else peer_python()
    course = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    try:
        run_bench(args, course, started, peer_python_, peer_found)
    finally:
        if not args.keep:
            shutil.rmtree(course, ignore_errors=True)


def run_bench(
    args: argparse.Namespace, course: Path, started: datetime.datetime, peer: Path | None, peer_found: str
) -> None:
    log: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    log(f"generating {args.lessons} lessons in {course}")
    make_course(course, args.lessons, args.questions, peer is not None)
    ours = Path(sys.executable)
    variants = [
        Variant("plain", ours, "mkdocs-plain.yml", "site-plain"),
        Variant("quizgen", ours, "mkdocs.yml", "site-quizgen"),
    ]
    if peer is not None:
        variants.append(Variant("mkdocs-quiz", peer, "mkdocs-peer.yml", "site-peer"))
    args.warmup = max(args.warmup, 1)
    for round_ in range(args.warmup):
        for variant in variants:
            log(f"warm-up {round_ + 1}: {variant.name}")
            variant.together_mb = max(variant.together_mb, build(variant, course, sample=True).together_mb)
    for round_ in range(args.runs):
        shift = round_ % len(variants)
        for variant in variants[shift:] + variants[:shift]:  # each kind first in turn
            run = build(variant, course)
            variant.runs.append(run.as_dict())
            log(f"run {round_ + 1}/{args.runs}: {variant.name} {run.seconds:.2f} s, {run.peak_mb:.0f} MB")
    site = check_site(course, args.questions, peer is not None)
    check_runs = [
        run_process([str(ours.parent / "quizgen"), "check", str(course)], course).seconds for _ in range(args.runs)
    ]
    if args.instructions:
        log("counting each build's instructions under valgrind (slow)")
    instructions = count_instructions(variants, course) if args.instructions else {}
    builds: dict[str, Any] = {
        variant.name: {
            "seconds": round(median_of(variant.runs, "seconds"), 3),
            "cpu_seconds": round(median_of(variant.runs, "cpu_seconds"), 3),
            # the least CPU time of the runs: what the build takes when nothing else on the machine gets in its way
            "cpu_seconds_least": round(min(run["cpu_seconds"] for run in variant.runs), 3),
            "peak_mb": round(median_of(variant.runs, "peak_mb"), 1),
            # all the build's processes at once, from the warm-up
            "together_mb": round(variant.together_mb, 1),
            "runs": variant.runs,
        }
        for variant in variants
    }
    builds.setdefault("mkdocs-quiz", None)
    plain = builds["plain"]
    ratios = {
        name: {
            "time": ratio(figures["seconds"], plain["seconds"]),
            "cpu": ratio(figures["cpu_seconds"], plain["cpu_seconds"]),
            "cpu_least": ratio(figures["cpu_seconds_least"], plain["cpu_seconds_least"]),
            "memory": ratio(figures["peak_mb"], plain["peak_mb"]),
            "memory_together": ratio(figures["together_mb"], plain["together_mb"]),
            **({"instructions": ratio(instructions[name], instructions["plain"])} if instructions else {}),
        }
        for name, figures in builds.items()
        if figures is not None and name != "plain"
    }
    load = round(time_load(course, max(args.runs, 1)), 3)
    results: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(peer_found if peer is not None else None),
        "course": {
            "lessons": args.lessons,
            "questions": args.questions,
            "words_per_lesson": len(lesson(0, SENTENCES, PARAGRAPHS).split()),
            "runs": args.runs,
            "warmup": args.warmup,
        },
        "builds": builds,
        "ratios": ratios,
        "targets": TARGETS,
        "load_seconds": load,
        "instructions": instructions or None,
        # quizgen's CPU beyond plain MkDocs (least times of the runs), and what of it is not loading the banks
        "beyond_plain": {
            "cpu_seconds": round(builds["quizgen"]["cpu_seconds_least"] - plain["cpu_seconds_least"], 3),
            "of_which_load_seconds": load,
            "ratio_without_load": ratio(builds["quizgen"]["cpu_seconds_least"] - load, plain["cpu_seconds_least"]),
        },
        "check_seconds": round(statistics.median(check_runs), 3) if check_runs else None,
        "payload": payload(course),
        "site": site,
        "peer_skipped": None if peer is not None else peer_found,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(summary(results))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
