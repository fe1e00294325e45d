"""Tests of the command line, through its runner and the installed command."""
