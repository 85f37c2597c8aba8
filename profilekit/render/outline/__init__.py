"""The document outline both renderers share: numbered sections, paragraphs, captioned tables, code blocks.

Built once from a LoadedProfile (and, for the conformance annex, the requirement traces), then written
as Markdown or DOCX; both renderers only lay out what is here, so their texts cannot drift apart.

Document structure (clause numbers are literal and stable), and the module that builds each part:

- nodes: the tree types; wording: text helpers; builder: table numbering, locations, lookups;
  document: build_outline, which assembles the parts below
- front: the contribution cover; 1 Scope, 2 References (2.1 normative, 2.2 informative), 3 Definitions,
  4 Abbreviations
- template: 5 Profile definition: 5.1 … 5.17 are the 17 clauses of the H.248.1 profile template, in order
  (template clause N is clause 5.N here)
- tls: 6 TLS for TCP bearers (H.248.TLSPROF): 6.1 Mode of operation, 6.2 TLS profiles, 6.3 TLS domains,
  6.4 Authentication, 6.5 Capability bindings, 6.6 TLS statistics, 6.7 Auditing of TLS capabilities
- ics: Annex A, the implementation conformance statement (ICS) proforma: A.1 instructions, A.2
  identification and global statement, A.3 roles, A.4 MG and A.5 MGC capabilities (statuses m/o/o.N/c.N/x/n/a)
- annex: Appendix I Conformance (informative): I.1 the guideline (one row per requirement id, how the profile
  meets it, where each is shown, from `shown_in` in the requirement catalogue, and the verdict), I.2 the
  security baseline selected with `baseline`

Sub-clauses that list the profile's own items (3.1.n and 3.2.n terms, 5.14.n packages, 5.17.n procedures,
6.2.n TLS profiles) and the table numbers are counted as the document is built.
"""

from profilekit.render.outline.document import build_outline, reader_text
from profilekit.render.outline.nodes import (
    CodeBlock,
    Contact,
    Cover,
    Inline,
    Outline,
    OutlineError,
    Paragraph,
    Run,
    Section,
    Table,
    plain,
)
from profilekit.render.outline.template import PROFILE_CLAUSE
from profilekit.render.outline.wording import with_notes
from profilekit.rules.guideline.references import cited_references

__all__ = [
    "PROFILE_CLAUSE",
    "CodeBlock",
    "Contact",
    "Cover",
    "Inline",
    "Outline",
    "OutlineError",
    "Paragraph",
    "Run",
    "Section",
    "Table",
    "build_outline",
    "cited_references",
    "plain",
    "reader_text",
    "with_notes",
]
