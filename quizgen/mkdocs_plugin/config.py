from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

# Where a generated page goes in the site's navigation (first, last, or not listed): NAV_PLACES
from ..course_settings import NAV_PLACES


class ProgressPageConfig(base.Config):
    enabled = c.Type(bool, default=True)
    path = c.Type(str, default="progress.md")
    title = c.Optional(c.Type(str))  # default: "My progress", in the interface's language
    nav = c.Choice(NAV_PLACES, default="start")


class FinalCheckConfig(base.Config):
    enabled = c.Type(bool, default=False)
    path = c.Type(str, default="final-check.md")
    title = c.Optional(c.Type(str))  # default: "Final check", in the interface's language
    # questions drawn from each lesson's bank for every attempt
    per_lesson = c.Type(int, default=2)
    pass_mark = c.Type((int, float), default=80)
    nav = c.Choice(NAV_PLACES, default="end")
    # lessons whose checks the final check does not draw from (a capstone, say); they still count toward completion
    skip = c.ListOfItems(c.Type(str), default=[])


class CertificateConfig(base.Config):
    enabled = c.Type(bool, default=True)
    path = c.Type(str, default="certificate.md")
    title = c.Optional(c.Type(str))  # default: "Certificate", in the interface's language
    nav = c.Choice(NAV_PLACES, default="end")


class QuizgenConfig(base.Config):
    # The folder of question banks, relative to mkdocs.yml.
    quizzes_dir = c.Type(str, default="quizzes")
    # The heading put above each quiz; default: "Check yourself", in the interface's language.
    heading = c.Optional(c.Type(str))
    # The language of the quizzes' interface (en, de, fr, es); default: the theme's `language`.
    language = c.Optional(c.Type(str))
    # Names the learner's progress in the browser; by default made from site_name.
    # Two courses served from one address need different ids.
    course_id = c.Optional(c.Type(str))
    progress = c.SubConfig(ProgressPageConfig)
    final_check = c.SubConfig(FinalCheckConfig)
    certificate = c.SubConfig(CertificateConfig)
