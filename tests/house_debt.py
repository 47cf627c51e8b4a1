"""What is left of issue 9: modules and functions above the house limits, as measured on main.

tests/test_architecture.py lets each of these shrink and none grow; any other module over 500 lines
or function over complexity 15 fails. Regenerate after a split: the goal is two empty dicts.
"""

#: Modules still over 500 lines (issue 9 not finished): each may shrink, none may grow.
KNOWN_LONG_MODULES: dict[str, int] = {}
#: Functions still over complexity 15 (issue 9 not finished): each may get simpler, none more complex.
KNOWN_COMPLEX: dict[str, int] = {}
