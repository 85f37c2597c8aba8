"""Revisions between two versions of a profile: the semantic diff (`profilekit diff`) and documents with
revision marks (`profilekit render --changes-from`, `build --changes-from`).

- spec: the comparable dump of a loaded profile (imports resolved) and where each of its nodes stands in
  the YAML files
- diff: the changes (changes.Change), matched by identity (packages and their elements by id, TLS domains
  by name, commands by command, …), with moves in ordered lists and renames, the document clause each
  lands in and its line in both files
- locate: the clause and table of the document a change lands in (from the outline that is rendered)
- patch: an RFC 6902 JSON patch from one dump to the other
- report: text, Markdown and JSON views of a diff
- wordml: Word tracked changes between two rendered DOCX files (w:ins / w:del / w:rPrChange, row and
  paragraph-mark revisions), independent of how the DOCX was written; markdown: CriticMarkup for the
  Markdown render; both can keep only the changed clauses
- cr: the 3GPP change-request cover page (CR.yaml, model.change_request)
- job: render with the changes from an older version (used by the render and build commands)
"""
