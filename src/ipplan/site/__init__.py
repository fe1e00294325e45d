"""The published site: a static site of a plan or a workspace, in Chinese and English.

:mod:`.pages` builds every file of the site in memory from the loaded plans (the same data gives
the same bytes); :mod:`.publish` writes it to a directory all at once.
"""
