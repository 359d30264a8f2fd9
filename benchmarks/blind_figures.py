"""How far a course's self-checks can be passed without reading: per bank, the
pool, the draw, the blind score (quizgen/blind.py), how often the right option
is the longest and the true/false balance; then the course's figures, including
where the right answer sits among the options by length.

Usage: .venv/bin/python benchmarks/blind_figures.py [COURSE_FOLDER]   (default: this course)
"""

from __future__ import annotations

import sys
from pathlib import Path

from quizgen.blind import blind_result, course_figures, length_ranks, place_shares
from quizgen.course import load_course


def main(root: Path) -> None:
    course = load_course(root / "quizzes", root / "content")
    results, ranks, questions = [], [], 0
    print("bank | questions | draw | blind % | right option longest | true/false")
    for _, quiz in sorted(course.quizzes.items()):
        bank = quiz.loaded.bank
        result = blind_result(bank)
        results.append(result)
        ranks += length_ranks(bank)
        questions += len(bank.questions)
        print(
            f"{quiz.quiz_id} | {len(bank.questions)} | {bank.draw or '-'} | {result.percent:.0f} | "
            f"{result.longest_right}/{result.single} | {result.true_statements}T/{result.false_statements}F"
        )
    figures = course_figures(results)
    print(
        f"course: {questions} questions; right option longest in {figures['longest_right_share']:.0%}; "
        f"true/false {figures['true']:.0f}:{figures['false']:.0f}; "
        f"highest blind score {figures['best_blind_percent']:.0f}%"
    )
    for name, share in place_shares(ranks).items():
        print(f"right answer is the {name} option or reply: {share:.0%}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
