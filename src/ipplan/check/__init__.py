"""The validation machinery: problems with stable codes, the rules that find them, the schema."""
