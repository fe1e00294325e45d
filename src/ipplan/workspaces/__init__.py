"""Workspaces: one repository holding several plans, declared in an ``ipplan.yaml`` at its root.

A workspace names each plan, says where its data directory is, and which plan is the parent of
which (a provincial plan under the national one). :mod:`ipplan.workspace` reads and checks the
file (finding a plan needs it), :mod:`.rollup` adds member plans' figures up into their
parent's, and :mod:`.overview` gives one line per plan.
"""
