"""The Qt-free core: corpus loading, annotation, episodes, comparison, lessons.

Nothing in this package may import PySide6; ``tests/core/test_headless.py`` keeps it so.
"""
