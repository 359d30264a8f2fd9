from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class QuizgenConfig(base.Config):
    # The folder of question banks, relative to mkdocs.yml.
    quizzes_dir = c.Type(str, default="quizzes")
    # The heading put above each quiz.
    heading = c.Type(str, default="Check yourself")
