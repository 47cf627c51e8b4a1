"""The Qt user interface: widgets that show what :mod:`desktop.core` returns."""
