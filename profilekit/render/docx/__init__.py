"""Word (DOCX) from the document outline, with python-docx.

What an SDO secretariat expects of a submitted document: literal clause numbers in Heading 1-3, real
tables whose header row repeats on every page, a "Table N – …" caption (Caption style) above each table,
a table-of-contents field, the profile name and version in the page header and the page number in the
footer, and core properties filled from the profile. With a reference document (an SDO template) the
styles and page set-up come from it; styles it lacks are copied from python-docx's built-in template, with
a warning. Output is byte-for-byte deterministic: fixed zip dates and entry order, no random ids.

Modules: `document` (render_docx, the order of the parts), `reference` (opening an SDO template),
`styles` (style look-up and fallbacks), `page` (page set-up, header and footer), `body` (the outline as
WordprocessingML), `wordml` (XML fragments), `column_widths` (table columns measured with DejaVu Serif),
`package` (core properties, settings, deterministic zip). python-docx is imported only inside functions,
so importing this package stays cheap.
"""

from profilekit.render.docx.document import render_docx
from profilekit.render.docx.reference import RenderError

__all__ = ["RenderError", "render_docx"]
