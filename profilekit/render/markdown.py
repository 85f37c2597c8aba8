"""Markdown (GitHub-flavoured) from the document outline, through the jinja2 templates in templates/.

The templates lay out the outline; the filters here do the escaping, so that a `|`, `*` or newline in
an editor's text can never break a table or start emphasis. Anchors are explicit (`<a id="clause-5-7">`),
derived from clause and table numbers, so links from other documents survive re-rendering.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from profilekit.render.outline.nodes import CodeBlock, Inline, Outline, Paragraph, Run, Section, Table
from profilekit.resources import resource

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "profile.md.j2"

_SPECIAL = re.compile(r"([\\`*<>])")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")


def escape(text: str) -> str:
    """Escape what Markdown would read as markup; `_` inside a word stays as it is (GFM ignores it)."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _UNDERSCORE.sub(r"\\_", text)


def _code_span(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inline(runs: Inline, *, cell: bool = False) -> str:
    """Runs as Markdown; in a table cell `|` is escaped (also in code spans) and newlines become <br>."""
    out = []
    for run in runs:
        if run.code:
            piece = _code_span(run.text.replace("\n", " ") if cell else run.text)
        else:
            piece = escape(run.text)
            if run.bold and piece.strip():
                core = piece.strip()
                lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
                piece = f"{lead}**{core}**{trail}"
        if run.link:
            piece = f"[{piece}](#{run.link})"
        out.append(piece)
    text = "".join(out)
    if cell:
        text = text.replace("|", r"\|").replace("\r\n", "\n").replace("\n", "<br>")
        text = text.strip() or " "
    return text


def paragraph(block: Paragraph) -> str:
    """A paragraph; a list item as `- …`, a note as `NOTE – …`; a line start Markdown would read as markup escaped."""
    text = inline(block.runs)
    if block.kind == "item":
        return "- " + text.replace("\n", "\n  ")
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    if block.kind == "note":
        return "NOTE – " + text
    if block.kind == "entry" and block.runs:
        term, rest = inline(block.runs[:1]), inline(block.runs[1:]).lstrip()
        return f"**{term}** – {rest}" if rest else f"**{term}**"
    if block.kind == "centred":
        return f"*{text}*"
    return text


def code_block(block: CodeBlock) -> str:
    """A fenced code block whose fence is longer than any backtick run inside it."""
    longest = max((len(m) for m in re.findall(r"`{3,}", block.text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{block.text}\n{fence}"


def table(block: Table) -> str:
    """A table with its anchor and caption above it (the cover table has neither)."""
    lines = []
    if block.number:
        lines += [f'<a id="{block.anchor}"></a>', f"**{escape(block.full_caption)}**", ""]
    lines.append("| " + " | ".join(inline((Run(h),), cell=True) for h in block.header) + " |")
    lines.append("|" + "|".join("---" for _ in block.header) + "|")
    for row in block.rows:
        lines.append("| " + " | ".join(inline(cell, cell=True) for cell in row) + " |")
    return "\n".join(lines)


def blocks(items: list[Any]) -> str:
    """Blocks separated by blank lines; consecutive list items stay one tight list."""
    out: list[str] = []
    previous: Any = None
    for item in items:
        text = block(item)
        if out:
            kinds = (item.kind if isinstance(item, Paragraph) else "",
                     previous.kind if isinstance(previous, Paragraph) else "")
            # consecutive list items stay one list; consecutive entries one paragraph of hard-broken lines
            out.append("\n" if kinds == ("item", "item") else "\\\n" if kinds == ("entry", "entry") else "\n\n")
        out.append(text)
        previous = item
    return "".join(out)


def block(item: Any) -> str:
    """One block of a section as Markdown."""
    if isinstance(item, Paragraph):
        return paragraph(item)
    if isinstance(item, CodeBlock):
        label = f"*{escape(item.label)}:*\n\n" if item.label else ""
        return label + code_block(item)
    if isinstance(item, Table):
        return table(item)
    raise TypeError(f"unknown block {type(item).__name__}")


def heading(section: Section) -> str:
    """A section heading, one `#` deeper than its level (the title is `#`)."""
    return "#" * (section.level + 1) + " " + escape(section.heading)


def _environment() -> jinja2.Environment:
    import jinja2

    def load(name: str) -> str:
        path = resource("templates", name)
        if not path.is_file():
            raise jinja2.TemplateNotFound(name)
        return path.read_text(encoding="utf-8")

    env = jinja2.Environment(loader=jinja2.FunctionLoader(load), autoescape=False, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters.update(md_inline=inline, md_block=block, md_blocks=blocks, md_heading=heading, md_escape=escape)
    return env


def render_markdown(outline: Outline) -> str:
    """The whole document as Markdown text (deterministic: same outline, same text)."""
    text = _environment().get_template(TEMPLATE).render(doc=outline)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
