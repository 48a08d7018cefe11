"""Local tools: the administrator adds a tool of the organisation's own, or a local variant of a built-in
tool, in the definition format of the built-in tools (docs/tools.md), as a draft that is edited as text,
previewed and published as the next version, as the foundations' drafts are. Built-in tools are never edited
here: their files are the source of truth."""
