"""core/episodes."""
