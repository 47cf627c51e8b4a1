"""ui/present."""
