"""Styles of the document being written: found by name or style id, copied from python-docx's template when
missing (with a warning for a reference document), and profilekit's own Code and TOC styles."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from profilekit.render.docx.wordml import CODE_FONT, wordml_tag

Warn = Callable[[str], None]

CODE_STYLE = "Code"
BUILTIN_PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet",
                            "TOC Heading", "Header", "Footer")
"""Paragraph styles every document gets, from the reference document or python-docx's default template."""
TABLE_STYLE = "Table Grid"


class DocumentStyles:
    """Finds styles by name (case-insensitively: Word stores its built-in names in lower case, "heading 1",
    pandoc and LibreOffice capitalised) or by style id ("Heading1"), and copies a missing built-in style from
    python-docx's default template, with a warning when the document is the editor's reference document."""

    def __init__(self, document: Any, warn: Warn, *, reference: bool) -> None:
        self.document = document
        self.warn = warn
        self.reference = reference
        self._default: DocumentStyles | None = None
        self._known: dict[tuple[str, str], Any] = {}
        self._index: dict[tuple[str, str], Any] | None = None
        self._by_id: dict[tuple[str, str], Any] = {}
        self.ids: set[str] = set()
        self.names: set[str] = set()
        """Every style id, and every style name in lower case, of any type."""
        self.missing: list[str] = []
        """Styles the reference document lacks (reported once, in `report_missing`)."""

    def report_missing(self) -> None:
        """One warning naming every style the reference document lacked."""
        if self.missing:
            names = ", ".join(self.missing)
            many = len(self.missing) > 1
            self.warn(f"the reference document has no {names} style{'s' if many else ''} (matched by name in "
                      f"any case, or by style id); using profilekit's built-in one{'s' if many else ''}")

    def _element(self, name: str, kind: str = "paragraph") -> Any:
        """The `w:style` element of type `kind` called `name` (a name match wins over a style id match)."""
        if self._index is None:
            self._index, self._by_id, self.ids, self.names = {}, {}, set(), set()
            for element in self.document.styles.element.findall(wordml_tag("style")):
                self._register(element)
        key = name.lower()
        found = self._index.get((kind, key))
        return found if found is not None else self._by_id.get((kind, key.replace(" ", "")))

    def _register(self, element: Any) -> None:
        assert self._index is not None
        style_type = element.get(wordml_tag("type")) or "paragraph"
        found = element.find(wordml_tag("name"))
        if found is not None and found.get(wordml_tag("val")):
            self._index.setdefault((style_type, found.get(wordml_tag("val")).lower()), element)
            self.names.add(found.get(wordml_tag("val")).lower())
        if element.get(wordml_tag("styleId")):
            self._by_id.setdefault((style_type, element.get(wordml_tag("styleId")).lower()), element)
            self.ids.add(element.get(wordml_tag("styleId")))

    def _append(self, element: Any) -> None:
        self._element("Normal")  # the index exists
        self.document.styles.element.append(element)
        self._register(element)

    def has(self, name: str, kind: str = "paragraph") -> bool:
        """Whether the document has a style of type `kind` with this name or id."""
        return (kind, name) in self._known or self._element(name, kind) is not None

    def get(self, name: str, kind: str = "paragraph") -> Any:
        """The style object; raises KeyError when there is none (use `ensure` for built-in styles)."""
        found = self._known.get((kind, name))
        if found is None:
            from docx.styles.style import StyleFactory

            element = self._element(name, kind)
            if element is None:
                raise KeyError(name)
            found = self._known[(kind, name)] = StyleFactory(element)
        return found

    def ensure(self, name: str) -> Any:
        """The paragraph style `name`, copied from python-docx's default template when the document lacks it."""
        if self.has(name):
            return self.get(name)
        if self._default is None:
            import docx

            self._default = DocumentStyles(docx.Document(), self.warn, reference=False)
        element = copy.deepcopy(self._default.get(name).element)
        self._element(name)
        ids = self.ids
        style_id = element.get(wordml_tag("styleId"))
        while style_id in ids:  # the template uses the id for a style of another name or type
            style_id += "0"
        element.set(wordml_tag("styleId"), style_id)
        for tag in ("basedOn", "link", "next"):
            for ref in element.findall(wordml_tag(tag)):
                if ref.get(wordml_tag("val")) not in ids:
                    element.remove(ref)
        ppr = element.find(wordml_tag("pPr"))
        if ppr is not None:
            for num in ppr.findall(wordml_tag("numPr")):
                ppr.remove(num)
        self._append(element)
        if self.reference:
            self.missing.append(repr(name))
        return self.get(name)

    def _add(self, name: str) -> Any:
        """A new paragraph style based on Normal (a free name: the template may use `name` for another type)."""
        from docx.oxml import OxmlElement
        from docx.styles.style import StyleFactory

        self._element(name)
        unique = name
        while unique.lower() in self.names or unique.replace(" ", "") in self.ids:
            unique += " (profilekit)" if unique == name else "0"
        element = OxmlElement("w:style")
        element.set(wordml_tag("type"), "paragraph")
        element.set(wordml_tag("customStyle"), "1")
        element.set(wordml_tag("styleId"), unique.replace(" ", ""))
        name_element = OxmlElement("w:name")
        name_element.set(wordml_tag("val"), unique)
        element.append(name_element)
        self._append(element)
        style: Any = StyleFactory(element)
        if self.has("Normal"):
            style.base_style = self.get("Normal")
        self._known[("paragraph", name)] = style
        return style

    def code(self) -> Any:
        """The Code paragraph style: the document's own, or 8.5 pt Courier New kept together."""
        if self.has(CODE_STYLE):
            return self.get(CODE_STYLE)
        from docx.shared import Pt

        style = self._add(CODE_STYLE)
        style.font.name = CODE_FONT
        style.font.size = Pt(8.5)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(wordml_tag(attr), CODE_FONT)
        paragraph_format = style.paragraph_format
        paragraph_format.space_before = Pt(2)
        paragraph_format.space_after = Pt(6)
        paragraph_format.keep_together = True
        return style

    def toc(self, level: int) -> Any:
        """The "TOC n" paragraph style: the document's own, or one indented 11 pt per level."""
        name = f"TOC {level}"
        if self.has(name):
            return self.get(name)
        from docx.shared import Pt

        style = self._add(name)
        style.paragraph_format.left_indent = Pt(11 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        return style


def numbers_paragraphs(style: Any) -> bool:
    """Whether a paragraph style (or one it is based on) numbers its paragraphs automatically."""
    seen = 0
    while style is not None and seen < 10:
        ppr = style.element.find(wordml_tag("pPr"))
        if ppr is not None and ppr.find(wordml_tag("numPr")) is not None:
            return True
        style = style.base_style
        seen += 1
    return False
