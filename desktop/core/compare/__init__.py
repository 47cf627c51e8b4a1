"""core/compare."""
