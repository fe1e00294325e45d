"""Tests of ipplan's reports/: reports."""
