"""Living reports: render the configured reports into the vault's report folder.

Each report becomes a Markdown note with front matter that marks it as generated (the calendar
a feed with vaultkit's PRODID, the pictures SVG files whose root says `data-generated-by`); a file is
written (atomically) only when its content changed, so git sees no churn. What vaultkit did not
write (a note of the user's, another program's calendar) is never written over, and no report is
written through a link that leads out of the vault.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from vaultkit import language
from vaultkit.activity import Activity
from vaultkit.atomic import replace, replace_if_changed
from vaultkit.boundary import link_out_of_vault
from vaultkit.config import Config, is_generated_note
from vaultkit.content import Content, encoded, encoded_pieces, least_size
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.index import incomplete_contacts
from vaultkit.language import N_, _
from vaultkit.model import GENERATED_BY, Index
from vaultkit.render import text_pieces
from vaultkit.reports.agenda import agenda
from vaultkit.reports.dashboard import dashboard
from vaultkit.reports.pictures.picture import PICTURES, embedded_pictures, network_views
from vaultkit.reports.stale import stale
from vaultkit.reports.tags import tags

if TYPE_CHECKING:
    from vaultkit.live.feed import KeptFeed


@dataclass(frozen=True)
class Writing:
    """What every report's writer may need besides its result."""

    root: Path
    today: date
    incomplete: frozenset[str]  # contacts whose notes could not be read completely
    pictures: tuple[str, ...]  # the pictures the report notes embed, by vault-relative path
    # The feed's events kept in the cache, taken just before the feed is made: loaded earlier,
    # they were held through the agenda note (8 MiB at 33,000 notes). None: no cache.
    kept_feed: KeptFeed | None = None


@dataclass(frozen=True)
class Published:
    """One report the `report` command can write: notes, a feed or pictures in the report folder."""

    name: str  # as `[report] reports` names it
    files: tuple[str, ...]  # in the report folder
    build: Callable[[Index, Activity, Config], Any]
    write: Callable[[Any, Writing], Sequence[Content]]  # the content of each of `files`
    part: str | None = None  # the attribute of the built result it writes, if not all of it
    # Made from the whole network at once, costly in a large vault: a watcher draws it apart
    # from the others, so that they are not held back (`vaultkit.live.apart`).
    drawn: bool = False


def _note(template: str) -> Callable[[Any, Writing], list[Content]]:
    def write(result: Any, writing: Writing) -> list[Content]:
        text = text_pieces(
            result,
            template,
            "markdown",
            writing.root,
            today=writing.today,
            incomplete=writing.incomplete,
            context={"pictures": writing.pictures},
        )
        # As UTF-8 in pieces, not one text: a large vault's agenda note is 3 MiB as a Python text.
        return [tuple(encoded_pieces(text))]

    return write


def _calendar(result: Any, writing: Writing) -> list[tuple[bytes, ...]]:
    from vaultkit.render.ics import ics_feed  # here: only the calendar feed needs icalendar

    if writing.kept_feed is not None:
        writing.kept_feed.take()
    return [ics_feed(result, "agenda")]


def _svg(result: Any, writing: Writing) -> list[Content]:
    from vaultkit.render.pictures import draw  # here: only the pictures need their writer

    drawn = draw(result)
    return [drawn[file] for file in PICTURES]


def _page(result: Any, writing: Writing) -> list[Content]:
    from vaultkit.render.dashboard import render_dashboard

    return [tuple(render_dashboard(result, writing.root, writing.incomplete))]


# The dashboard's file in the report folder, where `vaultkit dashboard` writes it unless told otherwise.
DASHBOARD_FILE = "Dashboard.html"

# The calendar feed's file in the report folder.
FEED_FILE = "vaultkit.ics"

PUBLISHED = {
    report.name: report
    for report in (
        Published("agenda", ("Agenda.md",), agenda, _note("agenda")),
        Published("stale", ("Stale.md",), stale, _note("stale")),
        Published("tags", ("Tags.md",), tags, _note("tags")),
        Published("ics", (FEED_FILE,), agenda, _calendar),
        Published("network", ("Network.md",), network_views, _note("network"), part="note", drawn=True),
        Published("pictures", PICTURES, network_views, _svg, part="pictures", drawn=True),
        Published("dashboard", (DASHBOARD_FILE,), dashboard, _page, drawn=True),
    )
}


# Per report path: the result it was rendered from, the contacts marked incomplete in it, the
# language it speaks, the day it is of, and the digest of the text. A watcher keeps it between
# rebuilds, and forgets it when a template or the config changes. The text itself is not kept:
# a large vault's feed and agenda are tens of megabytes, and the file written holds them.
Rendered = dict[str, tuple[Any, frozenset[str], str, date, bytes]]


def render_reports(
    index: Index, activity: Activity, config: Config, root: Path, drawn: bool | None = None
) -> dict[str, Content]:
    """{vault-relative path: content} of every configured report (see `each_report`)."""
    return {
        path: text
        for report in each_report(index, activity, config, root, drawn=drawn)
        for path, text in report.items()
    }


def each_report(
    index: Index,
    activity: Activity,
    config: Config,
    root: Path,
    earlier: Rendered | None = None,
    drawn: bool | None = None,
    kept_feed: KeptFeed | None = None,
) -> Iterator[dict[str, Content]]:
    """Each configured report's {vault-relative path: content}, one report at a time, as it is
    rendered, from one derived activity (of those `drawn` from the whole network or not, unless
    None). A report whose result is the one `earlier` rendered, and whose files still hold what
    was rendered of it then, is not rendered again and leaves its files out; `earlier` is
    brought up to date. The feed, if made, takes the events `kept_feed` holds."""
    incomplete = incomplete_contacts(index)
    spoken = language.speaking()
    writing = Writing(root, activity.today, incomplete, embedded_pictures(config), kept_feed)
    # The day too: a note says the day it is of, which its result may not hold (the network's).
    said = (incomplete, spoken, activity.today)
    reports = [PUBLISHED[name] for name in config.reports]
    reports = [report for report in reports if drawn is None or report.drawn == drawn]
    built: dict[Callable[..., Any], Any] = {}  # the agenda and its feed are one report's result
    # Each result let go after the last report made of it: at 33,000 notes the agenda's 9,000
    # items took 30 MiB while the network was drawn.
    last = {report.build: at for at, report in enumerate(reports)}
    for at, report in enumerate(reports):
        if report.build not in built:
            built[report.build] = report.build(index, activity, config)
        result = built.pop(report.build) if last[report.build] == at else built[report.build]
        if report.part is not None:
            result = getattr(result, report.part)
        paths = [f"{config.report_folder}/{file}" for file in report.files]
        kept = [earlier.get(path) for path in paths] if earlier is not None else [None]
        if all(
            k is not None and k[1:4] == said and k[0] == result and _holds(root, config, path, k[4])
            for path, k in zip(paths, kept)
        ):
            yield {}
            continue
        rendered = dict(zip(paths, report.write(result, writing)))
        if earlier is not None:
            earlier.update((path, (result, *said, _text_digest(text))) for path, text in rendered.items())
        del result
        yield rendered
        del rendered  # as the caller does, before the next report is made


def _text_digest(content: Content) -> bytes:
    digest = hashlib.sha256()
    for piece in encoded(content):
        digest.update(piece)
    return digest.digest()


def _holds(root: Path, config: Config, relative: str, digest: bytes) -> bool:
    """Whether the report file at `relative` holds the text of `digest` (read only inside the vault)."""
    path = root / relative
    if link_out_of_vault(root, path, config.linked_folders):
        return False
    try:
        with open(path, "rb") as file:
            return hashlib.file_digest(file, "sha256").digest() == digest
    except OSError:
        return False


class PublishError(VaultkitError):
    """No report can be written: the report folder is in the way, not writable, or leads out of
    the vault."""


@dataclass(frozen=True)
class Written:
    """What `write_reports` did with each report: wrote it, or left it as it was and why."""

    written: list[str]
    # Vault-relative path -> why it was not written, a sentence that names it.
    refused: dict[str, str]


def write_reports(root: Path, config: Config, rendered: dict[str, Content]) -> Written:
    """Write each report whose content changed into the report folder (made if missing).

    A report is never written over a file vaultkit did not write, nor through a link that leads
    out of the vault: that report is refused and the others are written all the same."""
    folder = config.report_folder
    link = link_out_of_vault(root, root / folder, config.linked_folders)
    if link is not None:
        raise PublishError(
            _("not writing the reports: {why}").format(why=_leads_out(root, link)), EXIT_FAILED
        )
    _make_folder(root, folder)
    written, refused = [], {}
    for relative, text in rendered.items():
        path = root / relative
        link = link_out_of_vault(root, path, config.linked_folders)
        try:
            if not link and _holds_text(path, text):
                continue
            why = _leads_out(root, link) if link else _not_ours(relative, _head(path, relative))
            if why:
                refused[relative] = _("not writing {path}: {why}").format(path=relative, why=why)
                continue
            replace(path, encoded(text))
        except OSError as exc:
            raise PublishError(
                _("cannot write {file}: {reason}").format(file=relative, reason=exc.strerror or exc)
            ) from None
        written.append(relative)
    return Written(written, refused)


def _holds_text(path: Path, content: Content) -> bool:
    """Whether the file at `path` holds `content` as UTF-8, both read a piece at a time."""
    try:
        with open(path, "rb") as file:
            if os.fstat(file.fileno()).st_size < least_size(content):
                return False
            return all(file.read(len(piece)) == piece for piece in encoded(content)) and not file.read(1)
    except FileNotFoundError:
        return False


def _head(path: Path, relative: str) -> str | None:
    """The start of the file at `path` (at `relative`), whole lines of it, where vaultkit marks
    what it wrote; None if there is no file. Not all of it: a large vault's feed read whole, and
    then split into lines, took five times its size for a moment. A dashboard is read up to the
    end of its `<head>`, where its mark is, however long a template of the user's makes it."""
    try:
        with open(path, "rb") as file:
            if relative.endswith(".html"):
                return _html_head(file).decode("utf-8-sig", errors="replace")
            head = file.read(_HEAD)
            if len(head) == _HEAD:
                head = head[: head.rfind(b"\n") + 1]  # a line cut short could look like a mark
            return head.decode("utf-8-sig", errors="replace")
    except FileNotFoundError:
        return None


def _html_head(file: BinaryIO) -> bytes:
    """An HTML file's bytes up to the end of its `<head>` (all of them, if it has none), read a
    piece at a time, each piece looked through once."""
    head = bytearray()
    while more := file.read(_HEAD):
        looked_at = max(len(head) - len(_HEAD_END) + 1, 0)  # the end may straddle two pieces
        head += more
        if _HEAD_END in head[looked_at:]:
            break
    return bytes(head)


_HEAD_END = b"</head>"
# Every other mark is within the first lines: a note's front matter, the feed's PRODID, the SVG root.
_HEAD = 64 << 10


def _not_ours(relative: str, text: str | None) -> str | None:
    """Why vaultkit may not replace the file at `relative`, which begins with `text`; None
    when vaultkit wrote it, or there is none."""
    if text is None:
        return None
    if relative.endswith(".ics"):
        from vaultkit.render.ics import PRODUCT  # here: only the calendar feed needs icalendar

        if f"PRODID:{PRODUCT}" in text.splitlines():
            return None
        return _("it is not vaultkit's calendar (it has no {prodid}); {way_out}").format(
            prodid=f"PRODID:{PRODUCT}", way_out=_(_WAY_OUT)
        )
    if relative.endswith(".html"):
        return _not_a_dashboard(text, _(_WAY_OUT))
    if relative.endswith(".svg"):
        if _is_our_picture(text):
            return None
        return _("it is not vaultkit's picture (its svg element has no {marker}); {way_out}").format(
            marker=PICTURE_MARKER, way_out=_(_WAY_OUT)
        )
    if is_generated_note(text):
        return None
    return _("vaultkit did not write it (its front matter has no generated_by: vaultkit); {way_out}").format(
        way_out=_(_WAY_OUT)
    )


PICTURE_MARKER = f'data-generated-by="{GENERATED_BY}"'


def _is_our_picture(text: str) -> bool:
    """Whether an SVG is one vaultkit drew: its root element, the first thing in it, says so."""
    start = text.lstrip()
    return start.startswith("<svg") and PICTURE_MARKER in start[: start.find(">") + 1]


_WAY_OUT = N_("move it away, or set [report] folder to a folder of its own")


def _leads_out(root: Path, link: str) -> str:
    target = os.path.realpath(root / link)
    return _(
        "{link} links to {target}, outside the vault, and vaultkit never writes through such a link"
    ).format(link=link, target=target)


def _make_folder(root: Path, folder: str) -> None:
    try:
        (root / folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise PublishError(
            _("[report] folder {folder!r} is a file, not a folder").format(folder=folder)
        ) from None
    except NotADirectoryError:
        raise PublishError(
            _("[report] folder {folder!r} lies below a file, not a folder").format(folder=folder)
        ) from None
    except OSError as exc:
        raise PublishError(
            _("cannot create [report] folder {folder!r}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None


def write_dashboard(root: Path, config: Config, path: Path, content: Content | Iterator[bytes]) -> bool:
    """Write the dashboard `content` to `path`, unless it holds that already; True when written.

    Never over a file that is not a dashboard vaultkit wrote; inside the vault, never through a
    link that leads out of it, as the reports. The report folder is made when it is missing."""
    shown = str(path)
    inside = _inside_vault(root, path)
    if inside is not None:
        link = link_out_of_vault(root, path, config.linked_folders)
        if link is not None:
            raise PublishError(
                _("not writing {path}: {why}").format(path=shown, why=_leads_out(root, link)), EXIT_FAILED
            )
        if inside.parent == Path(config.report_folder):
            _make_folder(root, config.report_folder)

    def refuse_other_files() -> None:
        existing = _head(path, DASHBOARD_FILE)
        why = None
        if existing is not None:
            why = _not_a_dashboard(existing, _("move it away, or name another file with --output"))
        if why:
            raise PublishError(_("not writing {path}: {why}").format(path=shown, why=why), EXIT_FAILED)

    try:
        return replace_if_changed(path, encoded(content), allowed=refuse_other_files)
    except IsADirectoryError:
        raise PublishError(_("cannot write {file}: it is a folder").format(file=shown)) from None
    except OSError as exc:
        raise PublishError(
            _("cannot write {file}: {reason}").format(file=shown, reason=exc.strerror or exc)
        ) from None


def _not_a_dashboard(text: str, way_out: str) -> str | None:
    """Why vaultkit may not replace `text`, an HTML file's; None when it is vaultkit's dashboard."""
    from vaultkit.render.dashboard import GENERATOR, is_dashboard

    if is_dashboard(text):
        return None
    return _("it is not a dashboard vaultkit wrote (it has no {marker}); {way_out}").format(
        marker=GENERATOR, way_out=way_out
    )


def _inside_vault(root: Path, path: Path) -> Path | None:
    """`path` relative to the vault, where it lies inside it (as written or once links are
    followed); None outside."""
    for base, where in (
        (os.path.abspath(root), os.path.abspath(path)),
        (os.path.realpath(root), os.path.realpath(path)),
    ):
        try:
            return Path(where).relative_to(base)
        except ValueError:
            continue
    return None
