"""Tests of ipplan's check/: the validation machinery."""
