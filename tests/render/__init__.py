"""Tests of ipplan's render/: terminal output."""
