"""Output for people: terminal tables and text, charts, sentences; the only importers of rich."""
