"""Modules and functions above the house limits, as measured on main: none since issue 9.

tests/test_architecture.py lets each entry shrink and none grow; any other module over 500 lines
or function over complexity 15 fails. Keep both dicts empty: split a module or a function by
responsibility instead of adding it here.
"""

#: Modules still over 500 lines (issue 9 not finished): each may shrink, none may grow.
KNOWN_LONG_MODULES: dict[str, int] = {}
#: Functions still over complexity 15 (issue 9 not finished): each may get simpler, none more complex.
KNOWN_COMPLEX: dict[str, int] = {}
