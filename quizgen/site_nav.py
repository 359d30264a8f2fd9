"""The course's navigation, page titles and addresses as MkDocs makes them,
computed from mkdocs.yml and the docs folder without MkDocs: what the hosts
that run no MkDocs plugin (Zensical) need to write the course's manifest and
its progress, final check and certificate pages.

The MkDocs plugin takes the same from MkDocs' own navigation; a test builds a
course both ways and compares the manifests.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import markdown

from . import front_matter
from .anchors import plain_text
from .course import Course
from .course_pages import FINAL_ID, CourseMap, Lesson, Module, course_key
from .course_settings import Settings
from .problems import Problem, shown_path
from .site_config import SiteConfig

_ATX_H1 = re.compile(r"^#(?!#)[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#")


@dataclass(frozen=True)
class NavPage:
    path: str  # under the docs folder: "phone-skills/taking-messages.md"
    title: str


@dataclass(frozen=True)
class NavSection:
    title: str
    children: list[NavPage | NavSection] = field(default_factory=list)


NavItem = NavPage | NavSection


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """A page's address relative to the site's root, by MkDocs' rules: "a/b.md" -> "a/b/", "a/index.md" -> "a/"."""
    parent, filename = posixpath.split(path)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        url = posixpath.join(parent, f"{stem}.html")
    else:
        url = posixpath.join(parent, stem, "index.html")
    folder, name = posixpath.split(url)
    if use_directory_urls and name == "index.html":
        url = (folder or ".") + "/"
    return quote(url)


def relative_url(url: str, other: str) -> str:
    """``url`` as a link from the page at ``other`` (both relative to the site's root), as MkDocs writes links."""
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(other_parts) - common) + dest_parts[common:]
    relative = "/".join(parts) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(url: str) -> list[str]:
    parts: list[str] = []
    for part in url.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts


def page_title(docs_dir: Path, path: str) -> str:
    """The title MkDocs gives a page not titled in the nav: front matter, first-line heading, file name."""
    try:
        text = (docs_dir / path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        text = ""
    meta, body = front_matter.split(text)
    if "title" in meta:
        return str(meta["title"])
    for line in body.splitlines():
        if not line.strip():
            continue
        match = _ATX_H1.match(line)
        if match:
            return plain_text(markdown.markdown(match.group(1)))
        break
    if path in ("index.md", "README.md"):
        return "Home"
    name = posixpath.splitext(posixpath.basename(path))[0]
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def navigation(site: SiteConfig, generated: dict[str, str] | None = None) -> list[NavItem]:
    """The nav as MkDocs builds it: mkdocs.yml's `nav`, or every page in the docs folder when it has none.

    ``generated``: pages quizgen writes (path -> title) that may not exist in the docs folder yet.
    """
    titles = dict(generated or {})

    def title_of(path: str, given: str | None) -> str:
        if given is not None:
            return given
        return titles.get(path) or page_title(site.docs_dir, path)

    if isinstance(site.nav, list):
        return _from_config(site.nav, title_of)
    return _from_folder(site.docs_dir, "", title_of, set(titles))


def _from_config(items: list[object], title_of: Callable[[str, str | None], str]) -> list[NavItem]:
    found: list[NavItem] = []
    for item in items:
        if isinstance(item, str):
            if not _EXTERNAL.match(item) and item.endswith(".md"):
                found.append(NavPage(item, title_of(item, None)))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    found.append(NavSection(str(title), _from_config(value, title_of)))
                elif isinstance(value, str) and not _EXTERNAL.match(value) and value.endswith(".md"):
                    found.append(NavPage(value, title_of(value, str(title))))
    return found


def _from_folder(
    docs_dir: Path, folder: str, title_of: Callable[[str, str | None], str], generated: set[str]
) -> list[NavItem]:
    """MkDocs' nav without a `nav` key: index first, then files and folders by name."""
    here = docs_dir / folder
    names = sorted(entry.name for entry in here.iterdir()) if here.is_dir() else []
    if not folder:
        names = sorted({*names, *generated})
    names.sort(key=lambda name: (name not in ("index.md", "README.md"), name))
    found: list[NavItem] = []
    for name in names:
        path = posixpath.join(folder, name)
        if name.startswith("."):
            continue
        if (here / name).is_dir():
            children = _from_folder(docs_dir, path, title_of, generated)
            if children:
                title = name.replace("-", " ").replace("_", " ")
                found.append(NavSection(title.capitalize() if title.lower() == title else title, children))
        elif name.endswith(".md"):
            found.append(NavPage(path, title_of(path, None)))
    return found


def walk(items: list[NavItem]) -> Iterator[NavPage]:
    for item in items:
        if isinstance(item, NavPage):
            yield item
        else:
            yield from walk(item.children)


def modules(nav: list[NavItem], course: Course) -> list[tuple[str | None, list[NavPage]]]:
    """The nav's lessons that have a check, grouped by top-level section, in order (as the plugin groups them)."""
    found: list[tuple[str | None, list[NavPage]]] = []
    for item in nav:
        if isinstance(item, NavSection):
            pages = [page for page in walk(item.children) if page.path in course.quizzes]
            if pages:
                found.append((item.title, pages))
        elif item.path in course.quizzes:
            found.append((item.title, [item]))
    return found


def lessons(nav: list[NavItem], course: Course) -> list[NavPage]:
    """The nav's lessons that have a check, in order."""
    return [page for _, pages in modules(nav, course) for page in pages]


def drawn_lessons(nav: list[NavItem], course: Course, skip: Collection[str]) -> list[NavPage]:
    """The lessons whose checks the final check draws from: all but those its settings skip."""
    return [page for page in lessons(nav, course) if page.path not in skip]


def skip_problems(nav: list[NavItem], course: Course, settings: Settings, file: str) -> list[Problem]:
    final = settings.final_check
    listed = {page.path for page in lessons(nav, course)}
    return [
        Problem(
            file,
            0,
            0,
            f"'final_check: skip' lists {path}, which is not a lesson with a check in the navigation",
            "give the lesson's path under the docs folder, as in nav (for example capstone.md)",
        )
        for path in (final.skip if final.enabled else ())
        if path not in listed
    ]


def course_map(site: SiteConfig, settings: Settings, course: Course, nav: list[NavItem]) -> CourseMap:
    """What the course's manifest and its own pages say: the plugin's CourseMap, from mkdocs.yml."""

    def url(path: str) -> str:
        return page_url(path, site.use_directory_urls)

    pages = settings.pages()
    by_kind = {page.kind: path for path, page in pages.items()}
    final = None
    if "final_check" in by_kind:
        final = Lesson(FINAL_ID, settings.final_check.title, url(by_kind["final_check"]))
    return CourseMap(
        title=site.site_name,
        key=settings.course_id or course_key(site.site_name),
        modules=[
            Module(title, [Lesson(course.quizzes[p.path].quiz_id, p.title, url(p.path)) for p in lessons])
            for title, lessons in modules(nav, course)
        ],
        final=final,
        progress_url=url(by_kind["progress"]) if "progress" in by_kind else None,
        certificate_url=url(by_kind["certificate"]) if "certificate" in by_kind else None,
    )


def shown_config(site: SiteConfig) -> str:
    return shown_path(site.config_file, site.root) if site.config_file else "mkdocs.yml"
