"""Word revision marks between two rendered DOCX files: NEW's package with OLD → NEW as tracked changes.

Independent of how the DOCX is written: both files come from the normal render, and only their
WordprocessingML is compared. Body blocks are aligned (paragraphs by text, tables as units matched by
their caption), table rows by a key column (chosen as the column that pairs the most equal cells, so a
moved cipher suite is one deleted and one inserted row while the renumbered order column is a cell
change), and paragraphs and cells word by word. The marks are Word's: `w:ins`/`w:del` around runs
(`w:delText` inside `w:del`), `w:rPrChange` for a run whose format changed, `w:trPr/w:ins|w:del` for whole
rows, `w:pPr/w:rPr/w:ins|w:del` for the mark of an inserted or deleted paragraph. Accepting every
revision gives NEW's text, rejecting every revision OLD's (tests check both, paragraph by paragraph and
cell by cell). Headers and footers get the same treatment.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FIRST_REVISION_ID = 900000
"""Revision ids start high, apart from the bookmark ids the writer numbers from 0."""
PAIR_RATIO = 0.5
"""Two paragraphs at the same place are one changed paragraph when at least this share of their words
agree; below it, one deleted and one inserted paragraph reads better."""
MAX_PAIRINGS = 40000
"""Above this many paragraph pairs in one differing stretch, no pairing is tried."""
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
"""What word-by-word comparison compares: words, runs of blanks, single punctuation marks."""
_CAPTION_NUMBER = re.compile(r"^Table [A-Z]?[\d.]+\s*[–-]\s*")


def lxml_etree() -> Any:
    """lxml's etree, imported when a document is marked (python-docx brings it; `validate` must not)."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Revisions:
    """Numbers and stamps the revision elements of one document."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.next_id = FIRST_REVISION_ID
        self.count = 0

    def mark(self, tag: str) -> Any:
        etree = lxml_etree()
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        self.next_id += 1
        self.count += 1
        return element


# text of blocks


def run_text(run: Any) -> str:
    out = []
    for child in run:
        if child.tag in (w("t"), w("delText")):
            out.append(child.text or "")
        elif child.tag == w("tab"):
            out.append("\t")
        elif child.tag in (w("br"), w("cr")):
            out.append("\n")
        elif child.tag == w("noBreakHyphen"):  # requirement ids (R-8.1/1) are written with it
            out.append("\N{NON-BREAKING HYPHEN}")
    return "".join(out)


def paragraph_text(p: Any) -> str:
    return "".join(run_text(r) for r in p.iter(w("r")))


def table_rows(tbl: Any) -> list[Any]:
    return [tr for tr in tbl if tr.tag == w("tr")]


def row_cells(tr: Any) -> list[Any]:
    return [tc for tc in tr if tc.tag == w("tc")]


def cell_text(tc: Any) -> str:
    return "\n".join(paragraph_text(p) for p in tc if p.tag == w("p"))


def row_texts(tr: Any) -> tuple[str, ...]:
    return tuple(cell_text(tc) for tc in row_cells(tr))


def block_text(block: Any) -> str:
    if block.tag == w("p"):
        return "P\x00" + paragraph_text(block)
    if block.tag == w("tbl"):
        return "T\x00" + "\x01".join("\x02".join(row_texts(tr)) for tr in table_rows(block))
    return "X\x00" + str(block.tag)


# tokens of a paragraph: words with the run they come from


@dataclass(frozen=True)
class Token:
    text: str
    rpr: Any
    """The run's w:rPr (None for none)."""
    special: Any = None
    """A run child that is not text (w:tab, w:br, w:fldChar, w:instrText…): kept as it is."""
    link: Any = None
    """The w:hyperlink around the run, if any."""

    @property
    def key(self) -> str:
        return self.text if self.special is None else "\x00" + self.text


def _rpr_key(rpr: Any) -> str:
    """A run format's identity: tags, attributes and children, without the namespace declarations in
    scope (which differ between an element in its document and a copy of it)."""
    if rpr is None:
        return ""
    attributes = ",".join(f"{k}={v}" for k, v in sorted(rpr.attrib.items()))
    inner = "".join(_rpr_key(child) for child in rpr if child.tag != w("rPrChange"))
    return f"<{rpr.tag} {attributes}>{inner}</>"


def tokens(p: Any) -> list[Token]:
    out: list[Token] = []
    for child in p:
        if child.tag == w("r"):
            out.extend(_run_tokens(child, None))
        elif child.tag == w("hyperlink"):
            for run in child.iter(w("r")):
                out.extend(_run_tokens(run, child))
    return out


def _run_tokens(run: Any, link: Any) -> Iterator[Token]:
    rpr = run.find(w("rPr"))
    for child in run:
        if child.tag == w("rPr"):
            continue
        if child.tag in (w("t"), w("delText")):
            for word in TOKEN.findall(child.text or ""):
                yield Token(word, rpr, None, link)
        else:
            label = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n"}.get(child.tag, "")
            yield Token(label or child.tag + (child.text or ""), rpr, child, link)


def simple(p: Any) -> bool:
    """Whether a paragraph holds only runs (text, tabs, breaks), hyperlinks and bookmarks: what the
    word-by-word comparison rebuilds. Anything else (fields, drawings) is compared as a whole."""
    allowed_run = {w("rPr"), w("t"), w("tab"), w("br"), w("cr")}
    for child in p:
        if child.tag in (w("pPr"), w("bookmarkStart"), w("bookmarkEnd")):
            continue
        runs = [child] if child.tag == w("r") else list(child) if child.tag == w("hyperlink") else None
        if runs is None:
            return False
        for run in runs:
            if run.tag != w("r") or any(c.tag not in allowed_run for c in run):
                return False
    return True


# building revision-marked content


class Marker:
    """Writes the merged blocks of one part."""

    def __init__(self, revisions: Revisions) -> None:
        self.rev = revisions

    # whole blocks

    def deleted_block(self, block: Any) -> Any:
        """OLD's paragraph or table, everything in it marked deleted (bookmarks dropped: NEW has its own)."""
        block = copy.deepcopy(block)
        if block.tag == w("tbl"):
            for tr in table_rows(block):
                self._mark_row(tr, "del")
            return block
        self._mark_paragraph(block, "del")
        return block

    def inserted_block(self, block: Any) -> Any:
        block = copy.deepcopy(block)
        if block.tag == w("tbl"):
            for tr in table_rows(block):
                self._mark_row(tr, "ins")
            return block
        self._mark_paragraph(block, "ins")
        return block

    def _mark_paragraph(self, p: Any, kind: str, *, mark: bool = True) -> None:
        """Every run of `p` inside a w:ins / w:del; with `mark`, its paragraph mark too."""
        if kind == "del":
            for bookmark in [*p.iter(w("bookmarkStart")), *p.iter(w("bookmarkEnd"))]:
                bookmark.getparent().remove(bookmark)
        for run in list(p.iter(w("r"))):
            parent = run.getparent()
            if parent.tag in (w("ins"), w("del")):
                continue
            if kind == "del":
                _to_deleted(run)
            wrapper = self.rev.mark(kind)
            parent.replace(run, wrapper)
            wrapper.append(run)
        if mark:
            self._mark_paragraph_mark(p, kind)

    def _mark_paragraph_mark(self, p: Any, kind: str) -> None:
        etree = lxml_etree()
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
            # w:rPr comes after the other paragraph properties except sectPr and pPrChange
            for later in (w("sectPr"), w("pPrChange")):
                found = ppr.find(later)
                if found is not None:
                    found.addprevious(rpr)
                    break
        rpr.insert(0, self.rev.mark(kind))

    def _mark_row(self, tr: Any, kind: str) -> None:
        etree = lxml_etree()
        trpr = tr.find(w("trPr"))
        if trpr is None:
            trpr = etree.Element(w("trPr"))
            tblpr_ex = tr.find(w("tblPrEx"))
            (tblpr_ex.addnext if tblpr_ex is not None else lambda e: tr.insert(0, e))(trpr)
        trpr.append(self.rev.mark(kind))
        for tc in row_cells(tr):
            for p in tc.iter(w("p")):
                self._mark_paragraph(p, kind, mark=False)

    # paragraphs

    def paragraph(self, old: Any, new: Any) -> list[Any]:
        """NEW's paragraph with OLD → NEW marked word by word (a non-simple one: deleted + inserted)."""
        if _xml(old) == _xml(new):
            return [copy.deepcopy(new)]
        if paragraph_text(old) == paragraph_text(new) and _same_format(old, new):
            same = copy.deepcopy(new)
            self._mark_properties(old, same)
            return [same]
        if not (simple(old) and simple(new)):
            return [self.deleted_block(old), self.inserted_block(new)]
        out = self._words(old, new)
        self._mark_properties(old, out)
        return [out]

    def _mark_properties(self, old: Any, out: Any) -> None:
        """A w:pPrChange with OLD's paragraph properties when they differ from NEW's (a style changed)."""
        etree = lxml_etree()
        old_ppr, new_ppr = old.find(w("pPr")), out.find(w("pPr"))
        if _ppr_key(old_ppr) == _ppr_key(new_ppr):
            return
        if new_ppr is None:
            new_ppr = etree.Element(w("pPr"))
            out.insert(0, new_ppr)
        change = self.rev.mark("pPrChange")
        before = etree.SubElement(change, w("pPr"))
        for child in old_ppr if old_ppr is not None else ():
            if child.tag not in _PPR_OWN:
                before.append(copy.deepcopy(child))
        new_ppr.append(change)

    def _words(self, old: Any, new: Any) -> Any:
        etree = lxml_etree()
        a, b = tokens(old), tokens(new)
        out = etree.Element(w("p"))
        ppr = new.find(w("pPr"))
        if ppr is not None:
            out.append(copy.deepcopy(ppr))
        for bookmark in new.findall(w("bookmarkStart")):
            out.append(copy.deepcopy(bookmark))
        pieces: list[tuple[str, Token, Token | None]] = []
        matcher = difflib.SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                pieces += [("same", b[j1 + k], a[i1 + k]) for k in range(i2 - i1)]
                continue
            pieces += [("del", t, None) for t in a[i1:i2]]
            pieces += [("ins", t, None) for t in b[j1:j2]]
        self._emit(out, pieces)
        for bookmark in new.findall(w("bookmarkEnd")):
            out.append(copy.deepcopy(bookmark))
        return out

    def _emit(self, p: Any, pieces: list[tuple[str, Token, Token | None]]) -> None:
        """Runs for the pieces, consecutive ones of one kind, format and link merged into one run."""
        etree = lxml_etree()
        group: list[tuple[str, Token, Token | None]] = []

        def flush() -> None:
            if not group:
                return
            kind, first, before = group[0]
            run = etree.Element(w("r"))
            if first.rpr is not None:
                run.append(copy.deepcopy(first.rpr))
            if kind == "same" and before is not None and _rpr_key(before.rpr) != _rpr_key(first.rpr):
                rpr = run.find(w("rPr"))
                if rpr is None:
                    rpr = etree.SubElement(run, w("rPr"))
                change = self.rev.mark("rPrChange")
                old_rpr = copy.deepcopy(before.rpr) if before.rpr is not None else etree.Element(w("rPr"))
                for nested in old_rpr.findall(w("rPrChange")):
                    old_rpr.remove(nested)
                change.append(old_rpr)
                rpr.append(change)
            text: list[str] = []

            def flush_text() -> None:
                if text:
                    t = etree.SubElement(run, w("delText" if kind == "del" else "t"))
                    t.text = "".join(text)
                    t.set(f"{{{XML_NS}}}space", "preserve")
                    text.clear()

            for _, token, _ in group:
                if token.special is not None:
                    flush_text()
                    run.append(copy.deepcopy(token.special))
                else:
                    text.append(token.text)
            flush_text()
            element = run
            if kind in ("del", "ins"):
                element = self.rev.mark(kind)
                element.append(run)
            link = first.link
            if link is not None:
                holder = etree.Element(link.tag, attrib=dict(link.attrib))
                holder.append(element)
                element = holder
            p.append(element)
            group.clear()

        for piece in pieces:
            if group:
                kind, first, before = group[0]
                same_format = _rpr_key(piece[1].rpr) == _rpr_key(first.rpr) and piece[1].link is first.link
                same_before = piece[0] != "same" or (
                    piece[2] is not None and before is not None
                    and _rpr_key(piece[2].rpr) == _rpr_key(before.rpr))
                if piece[0] != kind or not same_format or not same_before:
                    flush()
            group.append(piece)
        flush()

    # tables

    def table(self, old: Any, new: Any) -> list[Any]:
        """NEW's table with its rows marked: inserted, deleted, or changed cell by cell."""
        old_rows, new_rows = table_rows(old), table_rows(new)
        width = {len(row_cells(tr)) for tr in [*old_rows, *new_rows]}
        if len(width) != 1:  # columns added or removed: the table as a whole
            return [self.deleted_block(old), self.inserted_block(new)]
        out = copy.deepcopy(new)
        for tr in table_rows(out):
            out.remove(tr)
        old_texts = [row_texts(tr) for tr in old_rows]
        new_texts = [row_texts(tr) for tr in new_rows]
        for kind, i, j in align_rows(old_texts, new_texts):
            if kind == "same":
                out.append(self._row(old_rows[i], new_rows[j]))
            elif kind == "del":
                row = copy.deepcopy(old_rows[i])
                self._mark_row(row, "del")
                out.append(row)
            else:
                row = copy.deepcopy(new_rows[j])
                self._mark_row(row, "ins")
                out.append(row)
        return [out]

    def _row(self, old: Any, new: Any) -> Any:
        row = copy.deepcopy(new)
        if _xml(old) == _xml(new):
            return row
        for old_cell, new_cell, cell in zip(row_cells(old), row_cells(new), row_cells(row), strict=True):
            old_ps = [p for p in old_cell if p.tag == w("p")]
            new_ps = [p for p in new_cell if p.tag == w("p")]
            if len(old_ps) == len(new_ps) == 1 and simple(old_ps[0]) and simple(new_ps[0]):
                merged = self.paragraph(old_ps[0], new_ps[0])  # a cell's text, word by word
            else:
                merged = self.blocks(old_ps, new_ps)
            for p in [p for p in cell if p.tag == w("p")]:
                cell.remove(p)
            for block in merged:
                cell.append(block)
        return row

    # sequences of blocks

    def blocks(self, old: Sequence[Any], new: Sequence[Any]) -> list[Any]:
        """The merged sequence of two block lists (body, cell, header)."""
        out: list[Any] = []
        matcher = difflib.SequenceMatcher(None, [block_text(b) for b in old], [block_text(b) for b in new],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    a, b = old[i1 + k], new[j1 + k]
                    # the same XML (format included): NEW's block as it is, without looking inside
                    out.extend([b] if _xml(a) == _xml(b) else self._pair(a, b))
                continue
            out.extend(self._region(old[i1:i2], new[j1:j2], old, new, i1, j1))
        return out

    def _pair(self, old: Any, new: Any) -> list[Any]:
        if new.tag == w("p"):
            return list(self.paragraph(old, new))
        if new.tag == w("tbl"):
            return self.table(old, new)
        return [copy.deepcopy(new)]

    def _region(self, old: Sequence[Any], new: Sequence[Any], all_old: Sequence[Any], all_new: Sequence[Any],
                i0: int, j0: int) -> list[Any]:
        """A stretch where the two documents differ: tables paired by their caption, paragraphs by
        similarity, in order; the rest deleted or inserted."""
        old_keys = [_region_key(b, all_old, i0 + k) for k, b in enumerate(old)]
        new_keys = [_region_key(b, all_new, j0 + k) for k, b in enumerate(new)]
        out: list[Any] = []
        matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    out.extend(self._pair(old[i1 + k], new[j1 + k]))
                continue
            out.extend(self._paragraphs(old[i1:i2], new[j1:j2]))
        return out

    def _paragraphs(self, old: Sequence[Any], new: Sequence[Any]) -> list[Any]:
        """Pair similar paragraphs in order (a small alignment); everything else deleted, then inserted."""
        steps = pair_similar([TOKEN.findall(paragraph_text(b)) if b.tag == w("p") else None for b in old],
                             [TOKEN.findall(paragraph_text(b)) if b.tag == w("p") else None for b in new])
        if steps is None:  # a rewrite this large reads as well deleted and inserted, and fast
            return [self.deleted_block(b) for b in old] + [self.inserted_block(b) for b in new]
        out: list[Any] = []
        for i, j in steps:
            if i is not None and j is not None:
                out.extend(self.paragraph(old[i], new[j]))
            elif i is not None:
                out.append(self.deleted_block(old[i]))
            elif j is not None:
                out.append(self.inserted_block(new[j]))
        return out


def pair_similar(words_old: Sequence[Sequence[str] | None], words_new: Sequence[Sequence[str] | None]
                 ) -> list[tuple[int | None, int | None]] | None:
    """The best in-order pairing of similar items (by their words; None is an item never paired): a list of
    steps (i, j) paired, (i, None) deleted, (None, j) inserted, in document order. None when the stretch is
    too large to pair (over MAX_PAIRINGS item pairs)."""
    n, m = len(words_old), len(words_new)
    if n * m > MAX_PAIRINGS:
        return None
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    ratio: dict[tuple[int, int], float] = {}
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            r = 0.0
            a, b = words_old[i], words_new[j]
            if a is not None and b is not None:
                matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
                if matcher.real_quick_ratio() >= PAIR_RATIO and matcher.quick_ratio() >= PAIR_RATIO:
                    r = matcher.ratio()
            ratio[i, j] = r
            best = max(score[i + 1][j], score[i][j + 1])
            if r >= PAIR_RATIO:
                best = max(best, score[i + 1][j + 1] + r)
            score[i][j] = best
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and ratio[i, j] >= PAIR_RATIO and score[i][j] == score[i + 1][j + 1] + ratio[i, j]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif i < n and (j >= m or score[i][j] == score[i + 1][j]):
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    return steps


def _region_key(block: Any, blocks: Sequence[Any], index: int) -> str:
    """Tables by their caption (the paragraph before them, without its number); paragraphs by text."""
    if block.tag == w("tbl"):
        caption = paragraph_text(blocks[index - 1]) if index and blocks[index - 1].tag == w("p") else ""
        return "T\x00" + _CAPTION_NUMBER.sub("", caption)
    return block_text(block)


def _xml(element: Any) -> bytes:
    return bytes(lxml_etree().tostring(element))


_PPR_OWN = {w("rPr"), w("sectPr"), w("pPrChange")}
"""Children of w:pPr that are not the paragraph's properties proper (the mark's format, a section, a change)."""


_PPR_MEANT = {w("pStyle"), w("numPr"), w("jc"), w("ind")}
"""Paragraph properties a reviewer reads as a change (style, list, alignment, indent); keep-with-next,
spacing and page breaks follow from the layout (a header row kept with the rows after it) and are not
marked."""


def _ppr_key(ppr: Any) -> str:
    if ppr is None:
        return ""
    return "".join(_rpr_key(child) for child in ppr if child.tag in _PPR_MEANT)


def _same_format(old: Any, new: Any) -> bool:
    return [_rpr_key(t.rpr) for t in tokens(old)] == [_rpr_key(t.rpr) for t in tokens(new)]


def _to_deleted(run: Any) -> None:
    for t in run.findall(w("t")):
        t.tag = w("delText")
    for instr in run.findall(w("instrText")):
        instr.tag = w("delInstrText")


def align_rows(old: Sequence[tuple[str, ...]], new: Sequence[tuple[str, ...]]) -> list[tuple[str, int, int]]:
    """(kind, old index, new index) for the merged rows: `same` pairs, `del` OLD rows, `ins` NEW rows.

    The header (first row) pairs with the header. The body rows are matched by a key column: the one
    whose values are unique in both tables and that pairs the most equal cells; rows whose keys keep
    their order pair up (their cells are then compared), the rest are deleted or inserted.
    """
    if not old or not new:
        return [("del", i, -1) for i in range(len(old))] + [("ins", -1, j) for j in range(len(new))]
    out: list[tuple[str, int, int]] = [("same", 0, 0)]
    a, b = list(old[1:]), list(new[1:])
    keys_a, keys_b = row_keys(a, b)
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [("same", 1 + i1 + k, 1 + j1 + k) for k in range(i2 - i1)]
            continue
        out += [("del", 1 + i, -1) for i in range(i1, i2)]
        out += [("ins", -1, 1 + j) for j in range(j1, j2)]
    return out


def row_keys(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> tuple[list[str], list[str]]:
    """The key of each row of two tables: the value of the column whose values are unique in both and
    that pairs the most equal cells (the rows as a whole when no column is unique)."""
    columns = len((a or b or [()])[0])
    best: tuple[int, int] | None = None
    for col in range(columns):
        ka, kb = [r[col] for r in a], [r[col] for r in b]
        if len(set(ka)) != len(ka) or len(set(kb)) != len(kb):
            continue
        index_b = {k: i for i, k in enumerate(kb)}
        equal_cells = sum(sum(x == y for x, y in zip(row, b[index_b[row[col]]], strict=True))
                          for row in a if row[col] in index_b)
        if best is None or equal_cells > best[1]:
            best = (col, equal_cells)
    if best is None:  # no unique column: rows as a whole
        return ["\x01".join(r) for r in a], ["\x01".join(r) for r in b]
    col = best[0]
    return [r[col] for r in a], [r[col] for r in b]


# only the changed clauses

NEXT_CHANGE = "*** Next change ***"
_HEADING_STYLE = re.compile(r"^(Heading|heading)\s*\d$|^Heading\d$|^Annex")
_CLAUSE_BOOKMARK = re.compile(r"^(clause|annex)_")


def is_heading(p: Any) -> bool:
    """A clause heading: a Heading N paragraph (or one bookmarked as a clause or annex by the writer)."""
    if p.tag != w("p"):
        return False
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    if style is not None and _HEADING_STYLE.match(style.get(w("val"), "")):
        return True
    return any(_CLAUSE_BOOKMARK.match(b.get(w("name"), "")) for b in p.findall(w("bookmarkStart")))


def _style(p: Any) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}") if p.tag == w("p") else None
    return "" if style is None else str(style.get(w("val"), ""))


def has_revision(block: Any) -> bool:
    return any(True for _ in block.iter(w("ins"), w("del"), w("rPrChange")))


def separator(text: str = NEXT_CHANGE) -> Any:
    etree = lxml_etree()
    p = etree.Element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("jc")).set(w("val"), "center")
    run = etree.SubElement(p, w("r"))
    etree.SubElement(etree.SubElement(run, w("rPr")), w("b"))
    etree.SubElement(run, w("t")).text = text
    return p


def changed_clauses(blocks: Sequence[Any]) -> list[Any]:
    """The clauses (a heading and the blocks up to the next heading) that hold a revision, in order; runs
    of kept clauses that are not next to each other are separated by a "*** Next change ***" paragraph.
    A change before the first heading (the title page) is kept as its own group; the table of contents
    never is."""
    groups: list[list[Any]] = [[]]
    for block in blocks:
        if is_heading(block) or _style(block).startswith("TOCHeading"):  # the table of contents: its own group
            groups.append([])
        groups[-1].append(block)
    out: list[Any] = []
    previous_kept = True
    for index, group in enumerate(groups):
        # the table of contents only echoes the headings: a CR never shows it
        toc = bool(group) and _style(group[0]).startswith("TOCHeading")
        keep = not toc and any(has_revision(block) for block in group)
        if keep:
            if out and not previous_kept:
                out.append(separator())
            out.extend(group)
        previous_kept = keep or (index == 0 and not out)
    return out


# the package


PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


def mark_changes(old_docx: bytes, new_docx: bytes, *, author: str, date: str, changes_only: bool = False,
                 cover: Sequence[Any] = ()) -> tuple[bytes, int]:
    """NEW's package with the differences from OLD as revisions; also the number of revision marks.

    With `changes_only`, the body keeps only the clauses that hold a revision; `cover` blocks (a CR cover
    page) go first.

    Entries keep NEW's order, names and zip metadata, so the result is as deterministic as NEW itself.
    """
    etree = lxml_etree()
    revisions = Revisions(author, date)
    old_zip = zipfile.ZipFile(io.BytesIO(old_docx))
    new_zip = zipfile.ZipFile(io.BytesIO(new_docx))
    old_names = set(old_zip.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in new_zip.infolist():
            data = new_zip.read(info.filename)
            if PARTS.match(info.filename) and info.filename in old_names:
                body_part = info.filename == "word/document.xml"
                data = _mark_part(etree.fromstring(old_zip.read(info.filename)), etree.fromstring(data),
                                  Marker(revisions), changes_only=changes_only and body_part,
                                  cover=cover if body_part else ())
            elif info.filename == "word/settings.xml":
                data = track_revisions(data)
            target.writestr(info, data)
    return out.getvalue(), revisions.count


_BEFORE_TRACK_REVISIONS = frozenset((
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts",
    "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
    "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
))
"""The w:settings children that come before w:trackRevisions (ECMA-376 Part 1, CT_Settings sequence)."""


def track_revisions(settings_xml: bytes) -> bytes:
    """settings.xml with "Track Changes" switched on, so that a reviewer's own edits to the marked document are
    tracked too (as the CR procedure expects); the element is placed where the schema's sequence puts it."""
    etree = lxml_etree()
    root = etree.fromstring(settings_xml)
    if root.find(w("trackRevisions")) is not None:
        return settings_xml
    element = etree.Element(w("trackRevisions"))
    following = next((child for child in root if not isinstance(child.tag, str)
                      or etree.QName(child).localname not in _BEFORE_TRACK_REVISIONS), None)
    if following is None:
        root.append(element)
    else:
        following.addprevious(element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _mark_part(old_root: Any, new_root: Any, marker: Marker, *, changes_only: bool = False,
               cover: Sequence[Any] = ()) -> bytes:
    etree = lxml_etree()
    old_container = old_root.find(w("body")) if old_root.tag == w("document") else old_root
    new_container = new_root.find(w("body")) if new_root.tag == w("document") else new_root
    if old_container is None or new_container is None:
        return bytes(etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True))
    tail = [c for c in new_container if c.tag == w("sectPr")]
    old_blocks = [c for c in old_container if c.tag in (w("p"), w("tbl"))]
    new_blocks = [c for c in new_container if c.tag in (w("p"), w("tbl"))]
    merged = marker.blocks(old_blocks, new_blocks)
    if changes_only:
        merged = changed_clauses(merged)
    for child in list(new_container):
        new_container.remove(child)
    for block in [*cover, *merged, *tail]:
        new_container.append(block)
    return bytes(etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True))
