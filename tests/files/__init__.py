"""Tests of ipplan's files/: the data directory on disk."""
