"""Tests of ipplan's site/: the static site."""
