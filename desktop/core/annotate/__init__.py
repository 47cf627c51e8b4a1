"""core/annotate."""
