"""Finding quotations by their marks, paragraph by paragraph, from the text alone.

A quote never runs past the end of its paragraph: an unclosed mark closes there, so
an unbalanced quotation mark cannot swallow the rest of the article. A paragraph
that opens with a mark while the previous paragraph left a quote open continues
that quote (the newspaper convention for quotes over several paragraphs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import (
    DOUBLE_QUOTE_PAIRS, MISPRINTED_OPENERS, OPENERS_BEFORE, SINGLE_QUOTE_PAIRS, TITLE_SMALL_WORDS, TWO_APOSTROPHES,
)

MAX_NAME_LIKE_WORDS = 8  # a title or name in quotation marks is shorter than this

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """A quotation: ``fragments`` are the (start, end) of its words, marks excluded.

    A stray opening mark inside an open quote splits it into two fragments.
    """

    fragments: tuple[tuple[int, int], ...]
    open_mark: int
    close_mark: int | None
    paragraph: int
    continues: bool
    left_open: bool

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    @property
    def outer_end(self) -> int:
        """End including the closing mark, if there is one."""
        return self.close_mark + 1 if self.close_mark is not None else self.end

    def is_name_like(self, text: str) -> bool:
        """'"Operation Peace Spring"', '"Learning Together"', '"Kim Kardashian of Pakistan,"': a short
        quotation in title case with no closing punctuation names something (a title, a name, a
        slogan used as a name); nobody is quoted saying it."""
        words = " ".join(text[a:b] for a, b in self.fragments).strip(" ,;.").split()  # '"State of the Union."'
        if not words or len(words) > MAX_NAME_LIKE_WORDS or words[-1][-1:] in "!?":
            return False
        return all(w[0].isupper() or not w[0].isalpha() or w.lower() in TITLE_SMALL_WORDS for w in words)

    @property
    def outer_span(self) -> tuple[int, int]:
        """The quotation with its marks: what a direct statement's content covers."""
        return self.open_mark, self.outer_end

    def words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.fragments)


def paragraphs(text: str, body_start: int = 0) -> list[Paragraph]:
    """Lines with something on them, from ``body_start`` on."""
    found = []
    for match in _PARAGRAPH.finditer(text, body_start):
        start, end = match.span()
        stripped = match.group()
        if not stripped.strip():
            continue
        lead = len(stripped) - len(stripped.lstrip())
        trail = len(stripped) - len(stripped.rstrip())
        found.append(Paragraph(len(found), start + lead, end - trail))
    return found


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _can_open(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before in OPENERS_BEFORE or before.isspace()) and not after.isspace()


def _can_close(text: str, i: int, end: int, mark: str) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    if mark in "'’" and _is_word_char(after):
        return False  # an apostrophe: Khan’s, don't
    before = text[i - 1]
    if before.isspace() and i >= 2 and text[i - 2] in "'’":
        before = text[i - 2]  # "... the term 'outreach,' " he said": a nested quote closes first
    return not before.isspace() and not _is_word_char(after)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


class _Scanner:
    """Scans one paragraph for quotes; nested quotes of the other family are content."""

    def __init__(self, text: str, para: Paragraph, continues_open: bool, wrapped_into: Paragraph | None = None,
                 resume_at: int = 0):
        self.text, self.para = text, para
        self.continues_open = continues_open
        self.wrapped_into = wrapped_into  # the next line, when only a line break (a hard wrap) comes before it
        self.resume_at = resume_at  # where a quote wrapped from the line before closed
        self.quotes: list[Quote] = []
        self.left_open = False
        self.closed_in_next = 0  # where in the next line a quote of this one closed, if one did

    def scan(self) -> None:
        text, start, end = self.text, self.para.start, self.para.end
        i = max(start, self.resume_at)
        while i < end:
            ch = text[i]
            if text.startswith(TWO_APOSTROPHES, i) and _can_open(text, i, start, end) and _can_open(text, i + 1, i, end):
                i = self._read_two_apostrophe_quote(i)
                continue
            pairs = DOUBLE_QUOTE_PAIRS if ch in DOUBLE_QUOTE_PAIRS else SINGLE_QUOTE_PAIRS if ch in SINGLE_QUOTE_PAIRS else None
            if pairs is None and i == start and ch in MISPRINTED_OPENERS:
                pairs = MISPRINTED_OPENERS
            if pairs and _can_open(text, i, start, end):
                i = self._read_quote(i, pairs)
            else:
                i += 1

    def _read_two_apostrophe_quote(self, open_at: int) -> int:
        """''Like this,'' as some newspapers' archives print double quotation marks."""
        text, end = self.text, self.para.end
        close_at = text.find(TWO_APOSTROPHES, open_at + 2, end)
        while close_at != -1 and not _can_close(text, close_at + 1, end, '"'):
            close_at = text.find(TWO_APOSTROPHES, close_at + 1, end)
        if close_at == -1:
            self._add([_trim(text, open_at + 2, end)], open_at, None, left_open=True)
            self.left_open = True
            return end
        self._add([_trim(text, open_at + 2, close_at)], open_at, close_at + 1, left_open=False)
        return close_at + 2

    def _read_quote(self, open_at: int, pairs: dict[str, str]) -> int:
        text, end = self.text, self.para.end
        opener = text[open_at]
        closers = pairs[opener]
        single = pairs is SINGLE_QUOTE_PAIRS
        fragments: list[tuple[int, int]] = []
        frag_start = open_at + 1
        i = open_at + 1
        while i < end:
            ch = text[i]
            if ch in closers and _can_close(text, i, end, ch):
                fragments.append(_trim(text, frag_start, i))
                self._add(fragments, open_at, i, left_open=False)
                return i + 1
            if ch == opener and ch not in closers and _can_open(text, i, self.para.start, end):
                # The same opening mark again while open: a stray mark, not a nested quote.
                fragments.append(_trim(text, frag_start, i))
                frag_start = i + 1
            i += 1
        if single:
            return open_at + 1  # an unclosed single mark is an apostrophe or a slip: not a quote
        fragments.append(_trim(text, frag_start, end))
        close_at = self._close_in_wrapped_line(opener, closers)
        if close_at is not None:  # 'writes:\n"It's a long shot ... a plurality.\nThink about it ..."'
            fragments.append(_trim(text, self.wrapped_into.start, close_at))  # type: ignore[union-attr]
            self._add(fragments, open_at, close_at, left_open=False)
            self.closed_in_next = close_at + 1
            return end
        self._add(fragments, open_at, None, left_open=True)
        self.left_open = True
        return end

    def _close_in_wrapped_line(self, opener: str, closers: str) -> int | None:
        """Where a double quotation mark left open at the end of a line closes in the next line, when
        that line is the same paragraph hard-wrapped: it opens no quotation before the close."""
        line = self.wrapped_into
        if line is None:
            return None
        text = self.text
        for j in range(line.start, line.end):
            ch = text[j]
            if ch in closers and _can_close(text, j, line.end, ch) and not (ch == opener and j == line.start):
                return j
            if ch == opener and _can_open(text, j, line.start, line.end):
                return None
        return None

    def _add(self, fragments: list[tuple[int, int]], open_at: int, close_at: int | None, left_open: bool) -> None:
        kept = tuple(f for f in fragments if f[1] > f[0])
        if not kept:
            return
        first_in_paragraph = not self.quotes and not self.text[self.para.start:open_at].strip()
        self.quotes.append(
            Quote(
                fragments=kept,
                open_mark=open_at,
                close_mark=close_at,
                paragraph=self.para.index,
                continues=self.continues_open and first_in_paragraph,
                left_open=left_open,
            )
        )


def find_quotes(text: str, paras: list[Paragraph]) -> list[Quote]:
    """Every quotation in the text, in order."""
    quotes: list[Quote] = []
    left_open = False
    resume_at = 0
    for k, para in enumerate(paras):
        following = paras[k + 1] if k + 1 < len(paras) else None
        wrapped = following if following is not None and text.count("\n", para.end, following.start) == 1 else None
        scanner = _Scanner(text, para, continues_open=left_open, wrapped_into=wrapped, resume_at=resume_at)
        scanner.scan()
        quotes.extend(scanner.quotes)
        left_open = scanner.left_open
        resume_at = scanner.closed_in_next
    return quotes
