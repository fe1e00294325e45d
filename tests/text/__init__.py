"""Tests of ipplan's text/: words and numbers people see and type."""
