"""What each command reports, as plain data: the ``--json`` output and what the tables show.

One module a subject: :mod:`.indicators` (status, show, the public record), :mod:`.calculation`
(show's working), :mod:`.actions` (tasks, task), :mod:`.history` (history, undo),
:mod:`.recording` (record, import) and :mod:`.problems` (validate). Every view's result is a
``TypedDict``, so the type checker holds the JSON each command prints. Field names are those of
docs/methodology.md; the terminal renderer draws from these same dictionaries, so the table and
the JSON cannot disagree.
"""
