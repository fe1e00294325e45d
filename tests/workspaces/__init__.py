"""Tests of ipplan's workspaces/: workspaces."""
