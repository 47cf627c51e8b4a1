"""ui/reader."""
