"""ipplan: track the 2022-2025 patent-agency action plan from the command line."""

__version__ = "0.1.0"
