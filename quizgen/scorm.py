"""SCORM packages of a built course: SCORM 1.2 and SCORM 2004 (4th edition).

One SCO: a launch page (scorm-launch.html) that owns the LMS session and
frames the course, whose pages report through the browser's store (the
runtime's lms.js). The manifest lists every file of the package; the
mastery score comes from the final check's pass mark.

The site itself is built by the host (the MkDocs plugin, with pages named as
files: an LMS serves a package from an arbitrary path and may not resolve
folder addresses); this module writes the launch page, the manifest and the
zip, atomically.
"""

from __future__ import annotations

import html
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .atomic import write_atomically
from .course_pages import course_key
from .i18n import ENGLISH, Messages

LAUNCH_PAGE = "scorm-launch.html"
ABOUT = "quizgen-package.json"  # written by the build for the export: title and mastery; not packaged
STANDARDS = ("scorm12", "scorm2004")
SCHEMAS_12 = (
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
    "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
)
SCHEMAS_2004 = (
    "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
    "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"
)
PACKAGE_ENV = "QUIZGEN_PACKAGE"  # scorm12 or scorm2004 while `quizgen export` builds the site for a package


def launch_page(standard: str, title: str, scripts: Sequence[str], t: Messages = ENGLISH) -> str:
    """The package's entry: the course in a frame, the LMS bridge around it. No inline script."""
    tags = "\n".join(
        f'<script src="{html.escape(src)}"'
        + (f' data-standard="{standard}"' if "quizgen-lms" in src else "")
        + "></script>"
        for src in scripts
    )
    return f"""<!doctype html>
<html lang="{html.escape(t.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
html, body {{ margin: 0; height: 100%; }}
iframe {{ display: block; width: 100%; height: 100%; border: 0; }}
#quizgen-lms-notice {{ margin: 0; padding: 0.4rem 1rem; font: 0.9rem sans-serif; background: #fff4de; color: #1f2933; }}
</style>
</head>
<body>
<p id="quizgen-lms-notice" role="status" hidden>{html.escape(t("pages.no_lms"))}</p>
<iframe id="quizgen-course" src="index.html" title="{html.escape(title)}"></iframe>
{tags}
</body>
</html>
"""


def manifest(standard: str, title: str, files: Sequence[str], mastery: float | None, identifier: str) -> str:
    """imsmanifest.xml: one organization, one item, one SCO resource listing every file."""
    # here, not at the top: it imports urllib.request, and every site build imports this module
    from xml.sax.saxutils import quoteattr

    listed = "\n".join(f"        <file href={quoteattr(name)}/>" for name in files)
    name = html.escape(title)
    ident = quoteattr(identifier)
    if standard == "scorm12":
        score = f"\n        <adlcp:masteryscore>{mastery:g}</adlcp:masteryscore>" if mastery is not None else ""
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={ident} version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="{SCHEMAS_12}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{name}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{name}</title>{score}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH_PAGE}">
{listed}
    </resource>
  </resources>
</manifest>
"""
    measure = (
        "\n        <imsss:sequencing>\n          <imsss:objectives>\n"
        '            <imsss:primaryObjective objectiveID="course-passed" satisfiedByMeasure="false">\n'
        f"              <imsss:minNormalizedMeasure>{mastery / 100:g}</imsss:minNormalizedMeasure>\n"
        "            </imsss:primaryObjective>\n          </imsss:objectives>\n        </imsss:sequencing>"
        if mastery is not None
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={ident} version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="{SCHEMAS_2004}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{name}</title>
      <item identifier="course-item" identifierref="course-sco">
        <title>{name}</title>{measure}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormType="sco" href="{LAUNCH_PAGE}">
{listed}
    </resource>
  </resources>
</manifest>
"""


def package(
    site: Path,
    output: Path,
    standard: str,
    title: str,
    mastery: float | None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Zip the built ``site`` with its manifest into ``output``, atomically; returns the number of files."""
    files = sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and path.name != ABOUT
    )
    identifier = "quizgen-" + course_key(title)
    text = manifest(standard, title, files, mastery, identifier)

    def write(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", text)
            for number, name in enumerate(files, 1):
                archive.write(site / name, name)
                if progress:
                    progress(number, len(files))

    write_atomically(output, write)  # whole or not at all
    return len(files)
