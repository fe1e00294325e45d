"""The data directory on disk: finding it, reading and writing its files, locking it, caching it.

Nothing here knows a rule of the plan or the command line.
"""
