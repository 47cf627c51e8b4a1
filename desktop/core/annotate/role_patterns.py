"""The role pattern language of ``corpus/actors.yaml`` (documented at the top of that file).

``[x]`` is optional, ``(a|b)`` a choice, ``{adj}``/``{name}`` the role actor's adjectives or
names, ``{adj:ID}``/``{name:ID}`` another actor's; :func:`expand_pattern` makes plain phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.core.annotate.gazetteer_records import Actor

#: More expansions than this from one role pattern is a mistake in the pattern, not a wish.
MAX_EXPANSIONS = 2000

_PATTERN_TOKEN = re.compile(r"\[|\]|\(|\)|\||\{[^{}]*\}|[^\s\[\]()|{}]+")
_PLACEHOLDER = re.compile(r"^\{(adj|name)(?::([a-z0-9-]+))?\}$")


def expand_pattern(pattern: str, actor: Actor, lookup: Callable[[str], Actor | None]) -> list[str]:
    """Expand a role pattern into plain phrases.

    ``[x]`` is optional, ``(a|b)`` a choice, ``{adj}``/``{name}`` the role actor's adjectives or
    names, ``{adj:ID}``/``{name:ID}`` another actor's. Raises ValueError on a malformed pattern.
    """
    tokens = _PATTERN_TOKEN.findall(pattern)
    if not tokens:
        raise ValueError("empty pattern")
    parser = _PatternParser(tokens, actor, lookup)
    sequences = parser.alternatives(closing=None)
    if parser.position != len(tokens):
        raise ValueError(f"unexpected '{tokens[parser.position]}'")
    phrases = [" ".join(words) for words in sequences if words]
    if not phrases:
        raise ValueError("the pattern matches nothing")
    return phrases


class _PatternParser:
    """Recursive descent over pattern tokens; every node yields a list of word sequences."""

    def __init__(self, tokens: list[str], actor: Actor, lookup: Callable[[str], Actor | None]) -> None:
        self.tokens = tokens
        self.position = 0
        self.actor = actor
        self.lookup = lookup

    def alternatives(self, closing: str | None) -> list[tuple[str, ...]]:
        options = self.sequence()
        while self.position < len(self.tokens) and self.tokens[self.position] == "|":
            self.position += 1
            options = options + self.sequence()
        if closing is not None:
            if self.position >= len(self.tokens) or self.tokens[self.position] != closing:
                raise ValueError(f"missing '{closing}'")
            self.position += 1
        return options

    def sequence(self) -> list[tuple[str, ...]]:
        result: list[tuple[str, ...]] = [()]
        while self.position < len(self.tokens) and self.tokens[self.position] not in ("|", ")", "]"):
            item = self.item()
            result = [left + right for left in result for right in item]
            if len(result) > MAX_EXPANSIONS:
                raise ValueError(f"expands to more than {MAX_EXPANSIONS} phrases")
        if result == [()] and self.position < len(self.tokens) and self.tokens[self.position] == "|":
            raise ValueError("empty choice")
        return result

    def item(self) -> list[tuple[str, ...]]:
        token = self.tokens[self.position]
        self.position += 1
        if token == "[":
            return [(), *self.alternatives(closing="]")]
        if token == "(":
            options = self.alternatives(closing=")")
            if () in options:
                raise ValueError("empty choice in '( )'")
            return options
        if token.startswith("{"):
            return [tuple(form.split()) for form in self.placeholder(token)]
        return [(token,)]

    def placeholder(self, token: str) -> tuple[str, ...]:
        match = _PLACEHOLDER.match(token)
        if not match:
            raise ValueError(f"unknown placeholder {token} (use {{adj}}, {{name}}, {{adj:ID}}, {{name:ID}})")
        which, actor_id = match.groups()
        actor = self.lookup(actor_id) if actor_id else self.actor
        if actor is None:
            raise ValueError(f"{token}: unknown actor '{actor_id}'")
        forms = actor.adjectives() if which == "adj" else actor.names()
        if not forms:
            raise ValueError(f"{token}: actor '{actor.id}' has no {'adjectives' if which == 'adj' else 'names'}")
        return forms
