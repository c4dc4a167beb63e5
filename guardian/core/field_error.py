"""What is wrong with one field of a form, as a catalog key the screen turns into a sentence.

The checks in :mod:`guardian.core.contacts` and :mod:`guardian.core.channels` say what is
wrong without saying it in any language: each :class:`FieldError` names the catalog sentence
(``contact_error.name_required``, ``channel_error.port``...) and the values it fills in. The
screen that shows the form looks the sentence up in the person's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Words(Protocol):
    """Looks up a catalog sentence in one language (``ctx.t``, or a catalog bound to one)."""

    def __call__(self, key: str, **values: object) -> str:
        """Return the sentence ``key`` with ``values`` filled in."""


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one field.

    Attributes:
        key: the catalog key of the sentence that says it (``contact_error.name_too_long``).
        values: the values the sentence fills in, by placeholder name (``(("max", 20),)``).
    """

    key: str
    values: tuple[tuple[str, int | str], ...] = ()

    def sentence(self, words: Words) -> str:
        """Return the sentence in the language ``words`` speaks."""
        return words(self.key, **dict(self.values))
