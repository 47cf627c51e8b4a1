"""core/files."""
