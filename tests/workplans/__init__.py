"""Tests of ipplan's workplans/: work plans."""
