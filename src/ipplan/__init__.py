"""ipplan: track a plan's indicators and actions from the command line."""

__version__ = "0.1.0"
