"""Work plans: each year's work items, their schedules and owners, tied to the plan's actions.

A work plan (``workplans/YEAR.yaml``) is written by people; progress on its items is recorded by
ipplan under ``progress/YEAR/ITEM/``. What the files may hold is in :mod:`ipplan.file_models`;
the modules here follow the data's path: :mod:`.periods` (when a milestone ends),
:mod:`.loading` (reading and checking the files), :mod:`.states` (what is done, overdue or due:
pure functions), :mod:`.views` (what each command reports), :mod:`.changes` (recording
progress), :mod:`.tables` (the seed 004 table shape, for import and the xlsx sheet).
"""
