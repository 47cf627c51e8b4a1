"""ui/episodes."""
