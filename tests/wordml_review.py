"""A small, independent implementation of Word's "accept all" and "reject all" on WordprocessingML, and
the text of a document paragraph by paragraph and cell by cell: what the tracked-changes tests compare."""

from __future__ import annotations

import copy
import io
import zipfile
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def body(docx: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(w("body"))


def review(root: Any, accept: bool) -> Any:
    """A copy of `root` with every revision accepted (or rejected)."""
    root = copy.deepcopy(root)
    gone, kept = ("del", "ins") if accept else ("ins", "del")
    # rows
    for tr in list(root.iter(w("tr"))):
        trpr = tr.find(w("trPr"))
        if trpr is not None and trpr.find(w(gone)) is not None:
            tr.getparent().remove(tr)
        elif trpr is not None:
            for mark in trpr.findall(w(kept)):
                trpr.remove(mark)
    # tables left without rows disappear
    for tbl in list(root.iter(w("tbl"))):
        if tbl.find(w("tr")) is None:
            tbl.getparent().remove(tbl)
    # run-level content
    for element in list(root.iter(w(gone))):
        parent = element.getparent()
        if parent is not None and parent.tag != w("rPr") and parent.tag != w("trPr"):
            parent.remove(element)
    for element in list(root.iter(w(kept))):
        parent = element.getparent()
        if parent is None or parent.tag in (w("rPr"), w("trPr")):
            continue
        index = parent.index(element)
        for child in list(element):
            if child.tag == w("r"):
                for t in child.findall(w("delText")):
                    t.tag = w("t")
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    # format changes: rejecting restores the old run properties
    for change in list(root.iter(w("rPrChange"))):
        rpr = change.getparent()
        if accept:
            rpr.remove(change)
        else:
            old = change.find(w("rPr"))
            run = rpr.getparent()
            run.replace(rpr, copy.deepcopy(old) if old is not None else etree.Element(w("rPr")))
    # paragraph property changes: rejecting restores the old properties (the mark's format kept)
    for change in list(root.iter(w("pPrChange"))):
        ppr = change.getparent()
        if accept:
            ppr.remove(change)
            continue
        old = change.find(w("pPr"))
        kept = [c for c in ppr if c.tag in (w("rPr"), w("sectPr"))]
        for child in list(ppr):
            ppr.remove(child)
        for child in [*(list(old) if old is not None else []), *kept]:
            ppr.append(child)
    # paragraph marks: a removed mark joins the paragraph to the next one
    for p in list(root.iter(w("p"))):
        ppr = p.find(w("pPr"))
        rpr = ppr.find(w("rPr")) if ppr is not None else None
        if rpr is None:
            continue
        if rpr.find(w(gone)) is not None:
            following = p.getnext()
            content = [c for c in p if c.tag != w("pPr")]
            if content and following is not None and following.tag == w("p"):
                start = 1 if following.find(w("pPr")) is not None else 0
                for offset, child in enumerate(content):
                    following.insert(start + offset, child)
            p.getparent().remove(p)
        else:
            for mark in rpr.findall(w(kept)):
                rpr.remove(mark)
    return root


def run_text(r: Any) -> str:
    out = []
    for child in r:
        if child.tag == w("t"):
            out.append(child.text or "")
        elif child.tag == w("delText"):
            raise AssertionError("w:delText outside a deletion")
        elif child.tag == w("tab"):
            out.append("\t")
        elif child.tag == w("noBreakHyphen"):  # as Word and LibreOffice read it: U+2011
            out.append("\N{NON-BREAKING HYPHEN}")
        elif child.tag in (w("br"), w("cr")) and child.get(w("type")) not in ("page", "column"):
            out.append("\n")  # a line break; page and column breaks are layout, not text
    return "".join(out)


def paragraph(p: Any) -> str:
    return "".join(run_text(r) for r in p.iter(w("r")))


def text_items(container: Any) -> list[Any]:
    """Paragraph texts and, for tables, rows of cells (each cell the list of its paragraphs' texts)."""
    items: list[Any] = []
    for block in container:
        if block.tag == w("p"):
            items.append(paragraph(block))
        elif block.tag == w("tbl"):
            items.append([[[paragraph(p) for p in tc.iter(w("p"))] for tc in tr.findall(w("tc"))]
                          for tr in block.findall(w("tr"))])
    return items
