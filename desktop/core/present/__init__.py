"""core/present."""
