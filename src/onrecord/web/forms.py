"""The query strings of the pages, read leniently: a field that does not parse is a message in plain
words beside the form that asked for it, never an error page that loses what was typed.

Every field arrives as text. ``Form`` keeps what was given (to fill the form again), the values that
parsed, and a problem per field that did not.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from ..record.query import SORTS, STATEMENT_TYPES, month_bounds
from ..record.browse import KINDS
from ..values import parse_date

MAX_PAGE = 1000  # pages a list shows at most; a page asked for beyond is read as it was asked, then clamped
_HIGHEST_NUMBER = 10**9  # a page number is kept as asked up to here (to say which page does not exist)
MAX_TEXT = 500
LABELS = {"q": "Words", "speaker": "Speaker", "since": "From", "until": "To", "type": "Type", "source": "Source",
          "article": "Article", "sort": "Sort", "page": "Page", "per_page": "Results per page", "name": "Name",
          "kind": "Kind", "title": "Title words", "topic": "Topic"}


class Form:
    """One page's fields: ``values`` parsed, ``problems`` in plain words, ``given`` as typed."""

    def __init__(self, query: QueryParams, fields: Iterable[str], *, per_page: int = 20, max_per_page: int = 100):
        self.given: dict[str, str] = {f: query.get(f, "").strip() for f in fields}
        self.problems: list[str] = []
        self.values: dict[str, Any] = {}
        for field, text in self.given.items():
            self.values[field] = self._read(field, text, per_page, max_per_page)
        if self.values.get("since") and self.values.get("until") and self.values["since"] > self.values["until"]:
            self.problems.append(f"“From” ({self.values['since']}) is after “To” ({self.values['until']}): "
                                 "nothing can lie between them.")

    def _read(self, field: str, text: str, per_page: int, max_per_page: int) -> Any:
        if len(text) > MAX_TEXT:
            self.problems.append(f"{LABELS.get(field, field)} is too long: at most {MAX_TEXT} characters.")
            return None
        if field in ("since", "until"):
            return self._date(field, text)
        if field == "type":
            return self._choice(field, text, STATEMENT_TYPES)
        if field == "sort":
            return self._choice(field, text, SORTS) or "relevance"
        if field == "kind":
            return self._choice(field, text, KINDS)
        if field == "page":
            return self._number(field, text, 1, _HIGHEST_NUMBER, default=1)
        if field == "per_page":
            return self._number(field, text, 1, max_per_page, default=per_page)
        return text or None

    def _date(self, field: str, text: str) -> str | None:
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            self.problems.append(f"“{LABELS[field]}” must be a date written like 2023-10-27; “{text}” is not one.")
            return None

    def _choice(self, field: str, text: str, choices: tuple[str, ...]) -> str | None:
        if not text or text == "any":
            return None
        if text in choices:
            return text
        self.problems.append(f"“{LABELS[field]}” must be one of {', '.join(choices)}; “{text}” is not.")
        return None

    def _number(self, field: str, text: str, low: int, high: int, *, default: int) -> int:
        if not text:
            return default
        try:
            number = int(text)
        except ValueError:
            self.problems.append(f"“{LABELS[field]}” must be a whole number; “{text}” is not.")
            return default
        return min(max(number, low), high)  # out of range: the nearest that exists

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def asked(self, *fields: str) -> bool:
        """Whether any of these fields was given."""
        return any(self.given.get(f) for f in fields)

    def link(self, path: str, **changes: Any) -> str:
        """This page's address with some fields changed (None removes one); page 1 is left out."""
        fields = {k: v for k, v in self.given.items() if v}
        for key, value in changes.items():
            if value is None or value == "":
                fields.pop(key, None)
            else:
                fields[key] = str(value)
        if fields.get("page") == "1":
            fields.pop("page")
        return path + ("?" + urlencode(fields) if fields else "")


def month_filter(month: str) -> dict[str, str]:
    """The since and until that make one month."""
    since, until = month_bounds(month)
    return {"since": since, "until": until}
