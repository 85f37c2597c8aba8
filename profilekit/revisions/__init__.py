"""Revisions between two versions of a profile: the semantic diff (`profilekit diff`) and documents with
revision marks (`profilekit render --changes-from`).

- spec: the comparable dump of a loaded profile (imports resolved) and where each of its nodes stands in
  the YAML files
- diff: the changes, matched by identity (packages by id, elements by id, TLS profiles by id, domains by
  name, …), with moves in ordered lists, the document clause each lands in and its line in both files
- patch: an RFC 6902 JSON patch from one dump to the other
- locate: the clause and table of the document a change lands in (from the outline)
- report: text, Markdown and JSON views of a diff
- wordml: tracked changes between two rendered DOCX files (w:ins / w:del / w:rPrChange), independent of
  how the DOCX was written; markdown: the same for the Markdown render
"""
