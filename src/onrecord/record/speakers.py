"""One person, one speaker across a corpus: names to speakers, and roles to people.

Extraction already gives each statement the fullest name its article uses
("Khan" -> "Sadiq Khan" when the article names him in full). Across articles:
- a surname alone ("Khan") is the one person of that surname in the corpus, and
  stays itself when two people share it ("Sadiq Khan", "Imran Khan");
- a full name joins a longer form of it when exactly one exists
  ("George Bush" -> "George W. Bush"); a generational suffix parts father and son
  unless the store's evidence shows one person (the same post, never named together);
- a headline's words read as part of a name ("Ben Carson Defends") go to the one
  person's name inside them;
- organisations and groups are one speaker per spelling, case and "the" aside, and a
  one-word short form ("Times") is the one organisation whose name ends with it, if only one does;
- a description with no name ("the London mayor") is the one person seen in that
  role within a year of the article's date, when only one is.

Every mapping is a function of the names and roles in the store, not of the order
articles arrive in, so a resumed ingest ends where an uninterrupted one does.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as Date, timedelta
from functools import lru_cache
from typing import Any

from ..lexicon import GENERATIONAL_SUFFIXES, ORGANIZATION_NOUNS, PERSON_NOUNS, RELATION_NOUNS, SURNAME_PARTICLES
from ..values import normalise_word, without_the

ROLE_REACH = timedelta(days=365)  # how far from its sightings a role still names its holder
_KIND_RANK = {None: 0, "group": 1, "organization": 2, "person": 3}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})
_ROLE_FILLER = frozenset({"of", "for", "in", "the", "and", "'s", "’s"})
_WHEN_WORDS = frozenset({"former", "then", "current", "outgoing", "incoming", "ex", "now"})  # "former vice president"
MAX_ROLE_WORDS = 5
# A longer "name" is usually a title-case headline the tagger read as one name
# ("Hillary Clinton Reassures House Democrats"): nothing else is resolved to it.
MAX_NAME_WORDS = 4
_MAX_OVERRIDE_HOPS = 8  # a chain of joins longer than this (or a loop) stops where it is


def slugify(name: str) -> str:
    """A stable, readable identifier for a speaker: "Sadiq Khan" -> "sadiq-khan"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "speaker-" + hashlib.sha1(name.encode()).hexdigest()[:8]


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """A name's words, case, dots and possessives folded: "George W. Bush" -> ("george", "w", "bush")."""
    words = re.sub(r"['’]s\b", "", name).replace(".", " ").lower().split()
    return tuple(w.strip("-,") for w in words if w.strip("-,"))


def stronger_kind(a: str | None, b: str | None) -> str | None:
    """The kind a name keeps when articles disagree: person over organisation over group."""
    return a if _KIND_RANK.get(a, 0) >= _KIND_RANK.get(b, 0) else b


def role_key(words: str) -> tuple[str, frozenset[str]] | None:
    """A role's head noun and its content words: "the Labour leader" -> ("leader", {"labor", "leader"})."""
    tokens = [normalise_word(w) for w in re.findall(r"[\w'’-]+", words.lower())]
    tokens = [t for t in tokens if t and t not in _DETERMINERS]
    if not tokens or len(tokens) > MAX_ROLE_WORDS:
        return None
    nouns = [t for t in tokens if t in PERSON_NOUNS]
    if not nouns:
        return None
    return nouns[-1], frozenset(t for t in tokens if t not in _ROLE_FILLER)


def post_key(role: str) -> tuple[str, ...] | None:
    """A role as a particular post, which two forms of a name may share: its words, dots and
    determiners aside ("the F.B.I. director" -> ("fbi", "director")), when one names a post rather
    than a relation ("son", "opponent") and another word says which ("businessman" and "president"
    alone fit too many people)."""
    words = tuple(
        normalise_word(w) for w in re.findall(r"\w+", role.lower().replace(".", ""))
        if w not in _DETERMINERS and w not in _WHEN_WORDS
    )
    if not any(w in PERSON_NOUNS and w not in RELATION_NOUNS for w in words):
        return None
    return words if len([w for w in words if w not in _ROLE_FILLER]) > 1 else None


def description_key(mention: str) -> tuple[str, frozenset[str]] | None:
    """The role a speaker mention describes, if it is a definite description of one person.

    "the London mayor" and "the Labour leader" are; "a spokesman", "officials" and
    "he" are not (they name nobody in particular).
    """
    words = mention.lower().split()
    if len(words) < 2 or words[0] not in {"the", "this", "that"}:
        return None
    key = role_key(mention)
    if key is None or normalise_word(words[-1]) != key[0]:
        return None  # "the head of the union": the role is not the phrase's head
    return key


@dataclass
class NameIndex:
    """The names in a store and the speaker each stands for."""

    kinds: dict[str, str | None] = field(default_factory=dict)
    # A person's corrections (the store's name_overrides): name -> the name whose speaker it joins,
    # or None for a speaker of its own. They win over every rule below.
    overrides: dict[str, str | None] = field(default_factory=dict)
    # Plain and suffixed forms of one name that the store's evidence shows to be one person
    # ("Joseph R. Biden" and "Joseph R. Biden Jr.": see Store._one_person_pairs); other such pairs
    # stay apart, as father and son do ("Donald Trump", "Donald Trump Jr.").
    one_person: frozenset[frozenset[str]] = frozenset()
    _by_surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _people_by_words: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    _given_words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # first word -> full names
    _speakers: dict[str, tuple[str, str]] = field(default_factory=dict)  # speaker_of, until a same-surname name arrives

    def set_overrides(self, overrides: dict[str, str | None]) -> None:
        self.overrides = dict(overrides)
        self.clear_cache()

    def set_one_person(self, pairs: frozenset[frozenset[str]]) -> None:
        """Take the store's latest suffix evidence; every name's speaker is decided again."""
        self.one_person = pairs
        self.clear_cache()

    def clear_cache(self) -> None:
        """Forget every name's speaker: what a later name changes beyond its surname (a headline's
        words around a name that arrived first) is decided afresh."""
        self._speakers.clear()

    def suffix_pairs(self) -> list[tuple[str, str]]:
        """(plain, suffixed) person names that may be one person or father and son: the suffixed
        name without its suffix is the plain one, or a fuller form of it ("Joe Biden", "Joseph R.
        Biden" and "Joseph R. Biden Jr."; "Donald Trump" and "Donald Trump Jr.")."""
        pairs = []
        for group in self._by_surname.values():
            people = sorted(n for n in group if self.kinds.get(n) == "person" and len(name_words(n)) <= MAX_NAME_WORDS)
            for suffixed in (n for n in people if _person_words(n)[1]):
                base_words = _person_words(suffixed)[0]
                base = " ".join(base_words)
                pairs += [
                    (plain, suffixed) for plain in people
                    if not _person_words(plain)[1] and len(name_words(plain)) > 1
                    and (name_words(plain) == base_words or is_fuller_form(base, plain))
                ]
        return pairs

    def add(self, name: str, kind: str | None) -> bool:
        """Add or strengthen a name; True when it is new or changed kind."""
        old = self.kinds.get(name, "missing")
        new = stronger_kind(old if old != "missing" else None, kind)
        if old == new:
            return False
        self.kinds[name] = new
        if new == "person" and len(name_words(name)) > 1:
            self._people_by_words[name_words(name)].add(name)
            self._given_words[name_words(name)[0]].add(name)
        surname = surname_of(name)
        if surname:
            self._by_surname[surname].add(name)
            for other in self._by_surname[surname]:
                self._speakers.pop(other, None)
        self._speakers.pop(name, None)
        return True

    def related(self, name: str) -> set[str]:
        """Names whose speaker may change when ``name`` arrives: those that share its surname."""
        surname = surname_of(name)
        return set(self._by_surname.get(surname, ())) | {name} if surname else {name}

    def speaker_of(self, name: str) -> tuple[str, str]:
        """(slug, display name) of the speaker a name stands for."""
        found = self._speakers.get(name)
        if found is None:
            found = self._speakers[name] = self._speaker_of(name)
        return found

    def _speaker_of(self, name: str, hops: int = 0) -> tuple[str, str]:
        if name in self.overrides and hops < _MAX_OVERRIDE_HOPS:
            joins = self.overrides[name]
            if joins is None or joins == name:
                return slugify(" ".join(name_words(name)) or name), name  # split off: a speaker of its own
            return self._speaker_of(joins, hops + 1)
        kind = self.kinds.get(name)
        words = name_words(name)
        if kind != "person" or not words:
            display = without_the(name)
            whole = self._whole_organisation(display) if kind == "organization" else None
            if whole is not None:
                display = whole
            return slugify(" ".join(name_words(display)) or display), display
        core = self._name_in_headline(name)
        if core is not None and hops < _MAX_OVERRIDE_HOPS:
            return self._speaker_of(core, hops + 1)
        targets = self.full_forms(name)
        target = targets.pop() if len(targets) == 1 else name
        return slugify(" ".join(name_words(target))), target

    def _name_in_headline(self, name: str) -> str | None:
        """The one person's name a longer "name" starts or ends with, when its other words are no
        one's given name: a headline's words read as part of a name ("Ben Carson Defends",
        "Entrusting Donald Trump"); "Hillary Clinton Slams Donald Trump" holds two and stays."""
        words = name_words(name)
        if len(words) < 3 or _person_words(name)[1]:
            return None
        found: set[str] = set()
        for k in range(2, len(words)):
            for part, extra, before in ((words[:k], words[k:], False), (words[-k:], words[:-k], True)):
                if before and not extra[0].endswith("ing"):
                    continue  # before a name, a headline's verb ("Entrusting", "Telling"), never a given name ("Mary Ann")
                people = self._people_by_words.get(part, set()) - {name}
                if len(people) == 1 and all(len(w) > 1 and not self._given_words.get(w, set()) - {name}
                                            and w not in SURNAME_PARTICLES
                                            and w not in GENERATIONAL_SUFFIXES for w in extra):
                    found |= people
        return found.pop() if len(found) == 1 else None

    def _whole_organisation(self, name: str) -> str | None:
        """"Times" -> "New York Times": a one-word organisation name is the one organisation in the
        store whose name ends with it, when there is exactly one ("Times" stays itself beside the
        "Financial Times"); a generic word ("Court", "Party") never is."""
        words = name_words(name)
        if len(words) != 1 or words[0] in ORGANIZATION_NOUNS:
            return None
        longer: dict[tuple[str, ...], str] = {}
        for other in self._by_surname.get(words[0], ()):
            display = without_the(other)
            other_words = name_words(display)
            if self.kinds.get(other) == "organization" and len(other_words) > 1 and other_words[-1] == words[0]:
                longer.setdefault(other_words, display)
        return next(iter(longer.values())) if len(longer) == 1 else None

    def why(self, name: str) -> str:
        """Why a name stands for its speaker, in words: the evidence of the join, or the override."""
        if name in self.overrides:
            joins = self.overrides[name]
            return "split off by hand: a speaker of its own" if joins is None else f"joined by hand to {joins}"
        display = self.speaker_of(name)[1]
        if display == name:
            return "its own name"
        if self.kinds.get(name) != "person":
            if len(name_words(name)) == 1 and len(name_words(display)) > 1:
                return f"a short form: {display} is the only organisation in the store whose name ends with it"
            return f"the same name as {display}, case and a leading 'the' aside"
        words, target = name_words(name), name_words(display)
        core = self._name_in_headline(name)
        if core is not None:
            return f"a headline's words around a name: '{core}' is the person, the other words no one's given name"
        if _person_words(display)[1] and not _person_words(name)[1] and any(name in pair for pair in self.one_person):
            return (f"{display} is the same name with a generational suffix; one person, not father and son: "
                    "both forms are seen in one post and never named together in one article")
        if len(words) == 1 or words[0] in SURNAME_PARTICLES:
            return f"a surname alone: {display} is the only person of that surname in the store"
        if words[0] not in target:
            full = next((w for w in target[:-1] if same_given_name(words[0], w)), None)
            if full is not None:
                return f"'{words[0]}' is a short form of '{full}' (the nicknames table), same surname: {display}"
        return f"{display} is the same name with middle names, initials or a suffix added"

    def full_forms(self, name: str) -> set[str]:
        """The people a person's name may be short for: {"Sadiq Khan", "Imran Khan"} for "Khan";
        {"Joseph R. Biden Jr."} for "Joe Biden" when the corpus has that fuller form."""
        return {self._fullest_form(c) for c in self._fuller_forms(name)}

    def ambiguous(self) -> list[str]:
        """Person names that stand for several people: the bare surname two of them share."""
        return sorted(
            name for name, kind in self.kinds.items()
            if kind == "person" and len(name_words(name)) == 1 and len(self.full_forms(name)) > 1
        )

    def _fuller_forms(self, name: str) -> list[str]:
        return [
            other for other in self._by_surname.get(surname_of(name), ())
            if other != name and self.kinds.get(other) == "person" and len(name_words(other)) <= MAX_NAME_WORDS
            and (is_fuller_form(other, name) or frozenset((name, other)) in self.one_person and _person_words(other)[1])
        ]

    def _fullest_form(self, name: str) -> str:
        """A full name's fullest form in the corpus, or itself ("George Bush" -> "George W. Bush"):
        the fuller forms must each be a fuller form of the one before (one person), else none is taken."""
        fuller = sorted(self._fuller_forms(name), key=lambda n: (_fullness(n), n))
        if not fuller:
            return name
        one_person = all(
            is_fuller_form(b, a) or name_words(a) == name_words(b) or frozenset((a, b)) in self.one_person
            for a, b in zip(fuller, fuller[1:])
        )
        return fuller[-1] if one_person else name


@lru_cache(maxsize=65536)
def _person_words(name: str) -> tuple[tuple[str, ...], str]:
    """A person's name words without a generational suffix, and the suffix: "Joseph R. Biden Jr."
    -> (("joseph", "r", "biden"), "jr")."""
    words = name_words(name)
    if len(words) > 1 and words[-1] in GENERATIONAL_SUFFIXES:
        return words[:-1], words[-1]
    return words, ""


def surname_of(name: str) -> str:
    words, _ = _person_words(name)
    return words[-1] if words else ""


@lru_cache(maxsize=65536)
def _fullness(name: str) -> tuple[int, int, int]:
    """How full a form of a name is: its words (a suffix counts), then a given name over its
    nickname, then letters (an initial spelt out: "Elijah Eugene Cummings" over "Elijah E. Cummings";
    "Jacob" over "Jake", when both are in the nicknames table as short forms)."""
    words, suffix = _person_words(name)
    return len(words) + (1 if suffix else 0), 0 if _is_nickname_first(words) else 1, sum(map(len, words))


def _is_nickname_first(words: tuple[str, ...]) -> bool:
    """Whether the first name is a short form of a longer given name ("joe", "bill")."""
    return len(words) > 1 and bool(_nicknamer().canonicals_of(words[0]))


@lru_cache(maxsize=1)
def _nicknamer() -> Any:
    from nicknames import NickNamer  # the table loads once, on the first person name

    return NickNamer()


@lru_cache(maxsize=65536)
def same_given_name(a: str, b: str) -> bool:
    """"joe" and "joseph", "bill" and "william" (the `nicknames` package's table), or the same."""
    if a == b:
        return True
    namer = _nicknamer()
    return a in namer.nicknames_of(b) or b in namer.nicknames_of(a)


@lru_cache(maxsize=262144)
def is_fuller_form(longer: str, shorter: str) -> bool:
    """``longer`` names the person ``shorter`` names, more fully: a surname alone; the same first
    name or a nickname of it ("Joe Biden" -> "Joseph R. Biden Jr."), or of a middle name ("Ted Cruz"
    -> "Rafael Edward Cruz"), with middle names or their initials added. A generational suffix keeps
    people apart ("Donald Trump Jr." is not "Donald Trump") unless the first names differ as a
    nickname and its full form."""
    long_words, long_suffix = _person_words(longer)
    short_words, short_suffix = _person_words(shorter)
    if not long_words or not short_words or long_words[-1] != short_words[-1]:
        return False
    if _fullness(longer) <= _fullness(shorter):
        return False
    if len(short_words) == 1:
        return not short_suffix
    if short_words[0] in SURNAME_PARTICLES and long_words[-len(short_words):] == short_words and not short_suffix:
        return True  # "De Blasio", a surname of two words, for "Bill de Blasio"
    if short_suffix and short_suffix != long_suffix:
        return False
    first = short_words[0]
    if len(first) == 1 and len(short_words) == 2 and not short_suffix and first in long_words[1:-1]:
        return True  # "J. Trump", the middle initial and the surname of "Donald J. Trump"
    if long_suffix != short_suffix and (first == long_words[0] or not same_given_name(first, long_words[0])):
        return False  # "Donald Trump" and "Donald Trump Jr.": father and son
    if not same_given_name(first, long_words[0]):
        # known by a middle name's short form ("Ted" for Rafael Edward Cruz); the same word as a
        # middle name is no evidence ("Entrusting Donald Trump", a headline read as a name)
        if not any(first != m and same_given_name(first, m) for m in long_words[1:-1] if len(m) > 1):
            return False
    middles = iter(long_words[1:-1])
    return all(any(m == w or (len(w) == 1 and m.startswith(w)) for m in middles) for w in short_words[1:-1])


@dataclass(frozen=True)
class RoleSpell:
    """A named person seen in a role between two dates (inclusive)."""

    name: str
    head: str
    words: frozenset[str]
    first: str
    last: str


def holders_of(description: tuple[str, frozenset[str]], when: str, spells: list[RoleSpell]) -> set[str]:
    """The names seen in the described role within reach of a date."""
    head, words = description
    day = Date.fromisoformat(when)
    return {
        spell.name for spell in spells
        if spell.head == head and words <= spell.words
        and Date.fromisoformat(spell.first) - ROLE_REACH <= day <= Date.fromisoformat(spell.last) + ROLE_REACH
    }


def pick_by_context(candidates: set[str], article_words: set[str], role_words: dict[str, set[str]],
                    capitalised: set[str] | None = None) -> str | None:
    """The one candidate the article's words point to: its first name appears capitalised (as a name:
    "frank talks" names no Frank Fiorina) or its roles' words appear.

    "Khan said the congestion charge in London ..." is Sadiq Khan when the corpus
    knows him as "london mayor" and knows no other Khan by a word of this article.
    """
    scores = {}
    names = article_words if capitalised is None else capitalised  # "frank talks" names no Frank Fiorina
    for candidate in candidates:
        scores[candidate] = len(set(name_words(candidate)[:-1]) & names) + len(role_words.get(candidate, set()) & article_words)
    best = max(scores.values(), default=0)
    leaders = [c for c, score in scores.items() if score == best]
    return leaders[0] if best > 0 and len(leaders) == 1 else None
