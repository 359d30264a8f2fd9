"""How long `quizgen check` takes on a large course (target: under 2 s at 10,000 questions).

Generates a course of LESSONS lessons with QUESTIONS questions each (default
500 x 20 = 10,000), lessons of about 1,400 words like the real ones, then
times `quizgen check` end to end (a fresh process, imports included) and the
same for the real course. With --bare the questions have no explanation, no
`see` and no feedback, as a first draft would: the check then prints about
37,000 warnings, and the time includes printing them. Run from the project
folder:

    .venv/bin/python benchmarks/check_speed.py [--lessons 500] [--questions 20] [--runs 5] [--bare]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "Callers notice how a call begins and how it ends, so plan both before the phone rings."


def lesson(number: int, sentences: int = 9, paragraphs: int = 2) -> str:
    """A lesson: an opening paragraph, then seven sections (the anchors the banks' ``see`` name).

    ``sentences`` per paragraph and ``paragraphs`` per section set its length: the
    defaults give about 2,300 words; benchmarks/bench.py asks for about 600.
    """
    text = " ".join([SENTENCE] * sentences)
    body = "\n\n".join([text] * paragraphs)
    sections = "\n\n".join(f"## Point {k} of lesson {number}\n\n{body}" for k in range(1, 8))
    return f"# Lesson {number}\n\n{text}\n\n{sections}\n"


def bank(number: int, questions: int, bare: bool = False) -> str:
    lines = [f"title: Lesson {number}", "questions:"]
    for q in range(questions):
        qid = f"l{number}-q{q}"
        see = f'"#point-{q % 7 + 1}-of-lesson-{number}"'
        kind = q % 4
        lines.append(f"  - id: {qid}")
        if kind == 0:
            lines += [
                "    type: single",
                f"    prompt: Question {q} of lesson {number} - which greeting is best?",
                "    options:",
                "      - text: Name and organisation",
                "        correct: true",
                "      - text: Hello?",
                "        feedback: Callers cannot tell whom they reached.",
            ]
        elif kind == 1:
            lines += [
                "    type: multiple",
                "    points: 2",
                f"    prompt: Question {q} of lesson {number} - pick two.",
                "    options:",
                "      - {text: Answer quickly, correct: true}",
                "      - {text: Smile, correct: true}",
                "      - {text: Let it ring, feedback: Callers give up.}",
            ]
        elif kind == 2:
            lines += [
                "    type: true_false",
                f"    prompt: Statement {q} of lesson {number} is true.",
                "    answer: true",
                "    feedback: It is true.",
            ]
        else:
            lines += [
                "    type: fill_blank",
                f"    prompt: Blank {q} of lesson {number} - ask them to ____ it.",
                "    answers: [spell, spell out]",
                "    feedback: Ask them to spell it.",
            ]
        lines += ["    explanation: Because callers need it.", f"    see: {see}"]
    if bare:  # a first draft: nothing explains, links back or says why an answer is wrong
        lines = [line for line in lines if not line.lstrip().startswith(("explanation:", "see:", "feedback:"))]
        lines = [re.sub(r", feedback: [^}]*", "", line) for line in lines]
    return "\n".join(lines) + "\n"


def make_course(folder: Path, lessons: int, questions: int, bare: bool = False) -> None:
    (folder / "content/module").mkdir(parents=True)
    (folder / "quizzes/module").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Benchmark\ndocs_dir: content\nplugins:\n  - quizgen\nmarkdown_extensions:\n"
        "  - admonition\n  - attr_list\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    (folder / "content/index.md").write_text("# Benchmark\n", encoding="utf-8")
    for n in range(lessons):
        (folder / f"content/module/lesson-{n}.md").write_text(lesson(n), encoding="utf-8")
        (folder / f"quizzes/module/lesson-{n}.yml").write_text(bank(n, questions, bare), encoding="utf-8")


def time_check(course: Path, runs: int) -> tuple[float, str]:
    quizgen = Path(sys.executable).parent / "quizgen"
    times, summary = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([str(quizgen), "check", str(course)], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        summary = result.stdout.strip().splitlines()[-1]
        if result.returncode != 0:
            raise SystemExit(result.stdout[-2000:])
    return statistics.median(times), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, default=500)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bare", action="store_true", help="no explanations, links back or feedback: many warnings")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    try:
        make_course(folder, args.lessons, args.questions, args.bare)
        seconds, summary = time_check(folder, args.runs)
        print(f"generated course ({summary}): {seconds:.2f} s median of {args.runs}")
        seconds, summary = time_check(ROOT, args.runs)
        print(f"this course ({summary}): {seconds:.2f} s median of {args.runs}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
