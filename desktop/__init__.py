"""Overtures: read and compare news analysis of Belarus's overtures to the West.

The package has two halves: :mod:`desktop.core` knows articles, actors, dates, episodes and
comparisons and never imports Qt; :mod:`desktop.ui` shows what the core returns.
"""

__version__ = "0.1.0"
APP_NAME = "Overtures"
APP_ID = "overtures"
