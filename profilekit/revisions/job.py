"""`profilekit render NEW --changes-from OLD`: NEW's document with the changes from OLD marked, from two
normal renders (so it follows whatever the renderers write)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from profilekit.model.change_request import ChangeRequest
from profilekit.outputs import write_atomic_creating_folder
from profilekit.render.docx.house import DEFAULT_STYLE
from profilekit.render.pipeline import Prepared, Warn, inputs_of, prepare, render_bytes
from profilekit.revisions.cr import cover_fields, cover_markdown, cover_wordml, load_change_request
from profilekit.revisions.diff import ProfileDiff, diff_loaded
from profilekit.revisions.markdown import MARKED_BELOW, changed_sections, mark_markdown
from profilekit.revisions.report import markdown_report
from profilekit.revisions.wordml import mark_changes


class RevisionError(Exception):
    """A usage problem of the revision options (a bad --date, …)."""


@dataclass
class MarkedDocument:
    new: Prepared
    old: Prepared
    diff: ProfileDiff
    data: bytes
    revisions: int
    """Revision marks (DOCX) or changed lines (Markdown) written."""


def revision_date(value: str | None, new: Prepared) -> str:
    """The w:date of every mark: --date (YYYY-MM-DD or an ISO date-time), else NEW's identification date."""
    if value is None:
        return f"{new.loaded.profile.identification.date.isoformat()}T00:00:00Z"
    try:
        if len(value) == 10:
            return f"{dt.date.fromisoformat(value).isoformat()}T00:00:00Z"
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RevisionError(f"--date {value!r} is not a date (YYYY-MM-DD) or ISO date-time") from None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"


def revision_author(value: str | None, new: Prepared) -> str:
    """--author, else NEW's first editor."""
    if value is not None:
        if not value.strip():
            raise RevisionError("--author must not be empty")
        return value.strip()
    return new.loaded.profile.identification.editors[0].name


def render_changes(new_path: str | Path, old_path: str | Path, out: str | Path | None, *, fmt: str,
                   author: str | None = None, date: str | None = None, reference_doc: str | Path | None = None,
                   contribution: bool = False, baseline: str | None = None, warn: Warn | None = None,
                   changes_only: bool = False, cr: str | Path | None = None,
                   style: str | None = None) -> MarkedDocument:
    """Render OLD and NEW the normal way and write NEW's document with the changes from OLD as revisions
    (only the changed clauses with `changes_only`; a CR cover page from the CR file `cr` first)."""
    request = load_change_request(cr) if cr is not None else None
    new = prepare(new_path, baseline=baseline, contribution=contribution)
    revision_date(date, new)  # option errors before any rendering
    revision_author(author, new)
    new.data = render_bytes(new, fmt, reference_doc=reference_doc, warn=warn, style=style or DEFAULT_STYLE)
    marked = mark_against(new, new.data, old_path, fmt=fmt, author=author, date=date, reference_doc=reference_doc,
                          contribution=contribution, baseline=baseline, changes_only=changes_only,
                          request=request, style=style)
    if out is not None:
        write_atomic_creating_folder(out, marked.data, protect=[*inputs_of(new.loaded), *inputs_of(marked.old.loaded)])
    return marked


def mark_against(new: Prepared, new_data: bytes, old_path: str | Path, *, fmt: str, author: str | None = None,
                 date: str | None = None, reference_doc: str | Path | None = None, contribution: bool = False,
                 baseline: str | None = None, changes_only: bool = False,
                 request: ChangeRequest | None = None, style: str | None = None) -> MarkedDocument:
    """NEW's rendered document (`new_data`) with the changes from the profile at `old_path` marked (OLD is
    rendered with the same reference document and house style as NEW was)."""
    old = prepare(old_path, baseline=baseline, contribution=contribution)
    stamp, who = revision_date(date, new), revision_author(author, new)
    diff = diff_loaded(old.loaded, new.loaded, locate=fmt == "md" or request is not None)  # clauses: for md, CR
    fields = cover_fields(request, diff) if request is not None else []
    old_data = render_bytes(old, fmt, reference_doc=reference_doc, style=style or DEFAULT_STYLE)
    if fmt == "docx":
        data, count = mark_changes(old_data, new_data, author=who, date=stamp, changes_only=changes_only,
                                   cover=cover_wordml(fields) if fields else ())
    else:
        marked, count = mark_markdown(old_data.decode("utf-8"), new_data.decode("utf-8"))
        if changes_only:
            marked = changed_sections(marked)
        cover = cover_markdown(fields) + "\n" if fields else ""
        data = (cover + markdown_report(diff) + "\n" + MARKED_BELOW + "\n\n" + marked).encode("utf-8")
    return MarkedDocument(new=new, old=old, diff=diff, data=data, revisions=count)
