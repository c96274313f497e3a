"""Who is who in one article: names, their kinds, roles, and what a mention refers to.

No coreference model runs offline here, so resolution is built from the parse:
- a name's fullest form in the article is its canonical name ("Khan" -> "Sadiq Khan");
- roles come from appositions, titles and copulas ("London mayor Sadiq Khan",
  "Starmer, the Labour leader", "Khan is the mayor");
- a role description ("the Labor London mayor") resolves through those roles, or by
  the news-lead convention to the lead's subject;
- a pronoun resolves to the most recent compatible person, preferring subjects.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..values import normalise_word, without_the
from ..lexicon import (
    COURT_DOCUMENTS,
    CREDIT_LABELS,
    CUE_FORMS,
    OFFICE_ADJECTIVES,
    DOCUMENT_NOUNS,
    GENERATIONAL_SUFFIXES,
    GENDERED_TITLES,
    KIN_NOUNS,
    PARTY_MEMBERS,
    PARTY_WORDS,
    PLURAL_PARTY_WORDS,
    SURNAME_PARTICLES,
    GROUP_PRONOUNS,
    NOT_NAMES,
    ORG_PRONOUNS,
    ORGANIZATION_NOUNS,
    ORGANIZATION_ENDINGS,
    ORGANIZATION_WORDS,
    PERSON_NOUNS,
    PLATFORMS,
    PERSON_PRONOUNS,
    PLACES,
    RELATION_NOUNS,
    TITLES,
)
from .given_names import gender_of_full_name, is_given_name
from .syntax import phrase_object, prepositional_object

_PROPER = frozenset({"NNP", "NNPS"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_BE_FORMS = frozenset({"is", "was", "are", "were", "'s", "’s", "be", "been", "being"})
_PRONOUN_WINDOW = 4  # sentences back a pronoun may reach
_VARIANT_MIN_LETTERS = 5  # a surname this long may be spelt another way ("Sarea", "Saree")
_VARIANT_SIMILARITY = 0.8  # difflib ratio: one letter changed in five
_DOCUMENT_LOOKBACK = 400  # tokens back "the letter" may look for the letter named before
FIRST_PERSON = frozenset({"i", "me", "we", "us"})
_BODY_PRONOUN_WINDOW = 2  # sentences back "it" or "they" may reach for an organisation
# What a named entity of the recogniser is, as a speaker: places, things and events are never "he".
NAMED_ENTITY_KINDS = {
    "PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "organization", "LOC": "place",
    "FAC": "place", "PRODUCT": "thing", "EVENT": "thing", "WORK_OF_ART": "thing", "LAW": "thing",
}
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG"})
SPEAKER_KINDS = frozenset({"person", "organization", "group"})
_COMMON_WORD = "common word"  # the kind of a capitalised word that is no name


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document (spaCy rebuilds it from the tokens on every access)."""
    cached = doc.user_data.get("onrecord_text")
    if cached is None:
        cached = doc.user_data["onrecord_text"] = doc.text
    return cached


@dataclass
class NameMention:
    """A proper name in the text, titles stripped: "President Joe Biden" -> "Joe Biden"."""

    tokens: list[Token]
    titles: list[str]
    sent: int
    text: str = ""
    canonical: str = ""  # filled in once kinds are known

    def __post_init__(self) -> None:
        last = self.tokens[-1]
        self.text = " ".join(doc_text(last.doc)[self.tokens[0].idx:last.idx + len(last.text)].split())
        self.canonical = self.text

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def subject(self) -> bool:
        """The subject, or a name in apposition to it ("Another voice actor, Lauren Landa, would ...")."""
        last = self.tokens[-1]
        return last.dep_ in _SUBJECT_DEPS or (last.dep_ == "appos" and last.head.dep_ in _SUBJECT_DEPS)


@dataclass
class Role:
    name: str
    words: frozenset[str]
    head: str
    position: int
    label: str = ""  # the role's words in the article's order, lower case: "london mayor"


@dataclass
class Referent:
    """What a speaker mention resolves to."""

    name: str | None
    kind: str | None
    how: str  # name, role, lead, pronoun, description, unresolved


@dataclass
class _Antecedent:
    position: int
    sent: int
    name: str
    subject: bool
    salience: float = 0.0  # main-clause subject, earlier speaker
    quoted: bool = False  # inside quotation marks: the quoted speaker's words, not the article's
    token: int = -1  # the name's last token


@dataclass
class ArticleNames:
    """Everything the article says about who is who, built once per document."""

    doc: Doc
    body_start: int = 0
    mentions: list[NameMention] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    resolved_pronouns: list[_Antecedent] = field(default_factory=list)
    resolved_bodies: list[_Antecedent] = field(default_factory=list)  # organisations that spoke, in order
    resolved_descriptions: list[Role] = field(default_factory=list)
    lead_subject: str | None = None
    lead_next_sent: int | None = None
    _full_names: dict[str, list[NameMention]] = field(default_factory=dict)
    _person_antecedents: list[_Antecedent] = field(default_factory=list)
    _short_forms: dict[str, list[int]] = field(default_factory=dict)  # a name's text -> where it is used, in order
    _organisation_names: dict[str, str] = field(default_factory=dict)  # a body's name as written -> its fullest form
    _by_token: dict[int, NameMention] = field(default_factory=dict)
    _sent_of: list[int] = field(default_factory=list)
    _entity: dict[int, SpacySpan] = field(default_factory=dict)  # token index -> the named entity holding it
    turns: list[tuple[int, str | None]] = field(default_factory=list)  # interview turns: (start, speaker)
    _in_quote: Sequence[bool] = ()  # token index -> inside quotation marks
    _pending_pronouns: list[Token] = field(default_factory=list)  # "he"/"she" subjects not yet followed

    @classmethod
    def build(
        cls, doc: Doc, body_start: int = 0, headline_end: int = 0, in_quote: Sequence[bool] = ()
    ) -> "ArticleNames":
        names = cls(doc, body_start)
        names._in_quote = in_quote
        sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        names._sent_of = _sentence_numbers(doc, sent_index)
        names._entity = {t.i: ent for ent in _with_places_in_names(doc) if ent.label_ in NAMED_ENTITY_KINDS for t in ent}
        names.turns = _interview_turns(doc_text(doc), body_start)
        names._collect_mentions()
        names._classify()
        names._add_bare_surnames()
        names._index()
        names._collect_roles()
        names._find_lead(headline_end)
        names._pending_pronouns = [
            t for t in doc if t.lower_ in {"he", "she"} and t.dep_ in _SUBJECT_DEPS and t.idx >= body_start
            and not names._quoted(t)
        ]
        return names

    # -- building -------------------------------------------------------------------
    def _collect_mentions(self) -> None:
        run: list[Token] = []
        for token in self.doc:
            if self._continues_name(run, token):
                run.append(token)
                continue
            self._add_run(run)
            run = [token] if self._is_name_word(token) else []
        self._add_run(run)

    def _is_name_word(self, token: Token) -> bool:
        if token.idx < self.body_start or token.lower_ in NOT_NAMES or _caseless(token.text) or _credit_label(token):
            return False
        entity = self._entity.get(token.i)
        proper_in_entity = entity is not None and entity.label_ in SPEAKER_ENTITIES and token.text[:1].isupper()
        return token.tag_ in _PROPER or proper_in_entity

    def _continues_name(self, run: list[Token], token: Token) -> bool:
        if not run or self._sent_of[token.i] != self._sent_of[run[-1].i]:
            return False
        if len(run) == 1 and run[0].lower_ in PLATFORMS and run[0].i > 0 and run[0].nbor(-1).dep_ == "prep":
            return False  # "on Twitter West accused": the platform, then the name
        if self._is_name_word(token) or _numbers_a_document(run, token):
            return True
        if token.lower_ in _NAME_JOINERS and self._inside_organisation(run[-1], token):
            return True  # "Foreign Ministry of Iraq", "Department of Health and Human Services"
        # A hyphen inside a name, with no space around it: "Man-kei Tam".
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return (
            token.text == "-" and not run[-1].whitespace_ and not token.whitespace_
            and following is not None and following.text[:1].isalpha()
        )

    def _inside_organisation(self, last: Token, joiner: Token) -> bool:
        """The joiner and the word after it lie in the organisation entity that holds ``last``."""
        entity = self._entity.get(last.i)
        following = joiner.i + 1
        if entity is None or entity.label_ != "ORG" or following >= entity.end or self._entity.get(joiner.i) is not entity:
            return False
        after = joiner.doc[following]
        return self._is_name_word(after) or after.lower_ in _NAME_JOINERS

    def _add_run(self, run: list[Token]) -> None:
        if not run:
            return
        while run and run[-1].lower_ in _NAME_JOINERS:
            run = run[:-1]
        if not run:
            return
        entity = self._entity.get(run[-1].i)
        if entity is not None and entity.label_ == "ORG" and any(t.lower_ in _NAME_JOINERS for t in run) \
                and not _after_possessive(run):
            if all(self._entity.get(t.i) is entity for t in run):  # a whole organisation's name, no titles in it
                self.mentions.append(NameMention(run, [], self._sent_of[run[0].i]))
                return
        last = run[-1]
        entity = self._entity.get(last.i)
        named_person = entity is not None and entity.label_ == "PERSON" and entity.end - 1 == last.i
        issuing = entity is not None and entity.label_ == "ORG" and normalise_word(last.head.text) in DOCUMENT_NOUNS
        if last.dep_ == "compound" and last.head.tag_ not in _PROPER and last.head.i > last.i and not (named_person or issuing):
            return  # a modifier of a common noun: "Labor London mayor" (not a misparsed name: "Vlada Stamenkovic
            # studies"; not the issuer of a document: "an AEW press release")
        if last.dep_ == "amod":
            return  # an adjective: "Chinese officials"
        cut = 0
        body = entity is not None and entity.label_ == "ORG" and run[-1].lower_ in ORGANIZATION_WORDS
        for i, token in enumerate(run):
            before = token.nbor(-1) if token.i > 0 else None
            office_word = token.lower_ in TITLES and not (body and self._entity.get(token.i) is entity)
            # (a body's name keeps its words: "the State Department", "the Justice Department"; a
            # person's, a title word as the surname: "Peter T. King", "Martin Luther King Jr.")
            office_word = office_word and not (named_person and token.i > entity.start and _is_surname(token, last))
            if office_word or (before is not None and before.lower_ == "of" and not _owns_after_of(run)):
                cut = i + 1  # "Secretary of State John Kerry": the office, then the name
        if entity is None or entity.label_ == "PERSON" or _role_read_as_organisation(run[cut:], entity):
            while len(run) - cut > 2 and _is_role_word(run[cut].lower_):  # "General Motors" keeps its words
                cut += 1  # "Voter Kitty Mak", "Broadcaster Piers Morgan", "Democrat Chuck Schumer"
            if len(run) - cut == 2 and run[cut].lower_ in PLURAL_PARTY_WORDS:
                cut += 1  # "fellow Republicans Jolly and DeSantis": a party of several, then a surname
        cut = max(cut, _after_organisation_ending(run, entity), _after_possessive(run))
        person = self._person_entity_in(run[cut:])
        if person is not None:  # "Senate Minority Whip Dick Durbin": the entity is the name, the rest a role
            cut = run.index(person[0])
            run = run[:person[-1].i - run[0].i + 1]
        elif not self._names_someone(run[cut:]):
            return  # "Republican Assemblywoman", "Member": role and party words with no name in them
        titles = [t.lower_ for t in run[:cut]]
        tokens = [t for t in run[cut:] if t.text not in {"’s", "'s"}]
        while tokens and tokens[-1].text == "-":
            tokens.pop()
        if tokens and tokens[0].idx > 0:
            before = tokens[0].nbor(-1) if cut == 0 and tokens[0].i > 0 else None
            if before is not None and before.lower_ in TITLES:
                titles.append(before.lower_)
        if tokens:
            self.mentions.append(NameMention(tokens, titles, self._sent_of[tokens[0].i]))

    def _person_entity_in(self, run: list[Token]) -> SpacySpan | None:
        """The person entity (a full name) inside a run of name words, when the run is more than it."""
        for token in run:
            entity = self._entity.get(token.i)
            # A full name (two words or more): "Sadiq Khan" with only "Khan" marked is the recogniser's miss.
            if entity is not None and entity.label_ == "PERSON" and len(entity) > 1 and len(entity) < len(run):
                if all(t.i >= run[0].i for t in entity) and run[0].i < entity.start:
                    return entity
        return None

    def _names_someone(self, run: list[Token]) -> bool:
        """Not only role, title and group words ("Republican Assemblywoman"), unless an entity says so
        ("Democrats"); one party member is a description ("One Republican said")."""
        if len(run) == 1 and run[0].lower_ in PARTY_MEMBERS:
            return False
        if any(t.i in self._entity for t in run):
            return True
        return not all(t.lower_ in TITLES or t.lower_ in PERSON_NOUNS or t.lower_ in PARTY_WORDS for t in run)

    def _classify(self) -> None:
        votes: dict[str, list[str]] = {}
        for mention in self.mentions:
            votes.setdefault(mention.text, []).append(self._entity_kind(mention) or _kind_of_name(mention))
            gender = next((GENDERED_TITLES[t] for t in mention.titles if t in GENDERED_TITLES), None)
            if gender:
                self.genders.setdefault(mention.text, gender)
        for text, kinds in votes.items():
            # sorted: a tie must not depend on the process's string hashing
            self.kinds[text] = "person" if "person!" in kinds else max(sorted(set(kinds)), key=kinds.count).rstrip("!")
        for text in self._unsure_words():
            if self.kinds[text] == "person":
                self.kinds[text] = _COMMON_WORD  # "Fitness was a big factor": a capital only because a sentence opens
        # A word that is part of a person's full name is that person: "Starmer" in "Keir Starmer",
        # and so is a surname with a particle: "La Riva" (read as an organisation) in "Gloria La Riva".
        for text, kind in list(self.kinds.items()):
            words = text.split()
            if kind != "person" and any(
                k == "person" and len(other.split()) > len(words)
                and (text in other.split() or (words[0].lower() in SURNAME_PARTICLES and other.split()[-len(words):] == words))
                for other, k in self.kinds.items()
            ):
                self.kinds[text] = "person"
        for text, kind in list(self.kinds.items()):
            if kind in {"organization", "place"} and " " not in text and self._spelling_variant(text):
                self.kinds[text] = "person"  # "Saree" (read as a place) after "Yahya Sarea"
            words = text.split()
            if kind == "organization" and len(words) > 1 and self.kinds.get(words[-1]) == "person" \
                    and gender_of_full_name(text) is not None and words[-1].lower() not in ORGANIZATION_WORDS:
                self.kinds[text] = "person"  # "entrepreneur Brock Pierce" (read as a body): a given name, and
                # "Pierce" alone is a person here ("Wells Fargo" stays a bank: "Fargo" is nobody in its articles)

    def _unsure_words(self) -> set[str]:
        """One-word names with nothing but a capital letter for them, and that only where a sentence
        opens: no title, no entity of the recogniser, never capitalised mid-sentence, no part of a
        longer name."""
        unsure: dict[str, bool] = {}
        for mention in self.mentions:
            first = mention.tokens[0]
            sure = len(mention.tokens) > 1 or bool(mention.titles) or first.i in self._entity or not _opens_sentence(first)
            unsure[mention.text] = unsure.get(mention.text, True) and not sure
        in_longer = {word for mention in self.mentions if len(mention.tokens) > 1 for word in mention.text.split()}
        return {text for text, flag in unsure.items() if flag and text not in in_longer}

    def _add_bare_surnames(self) -> None:
        """A person's surname that the tagger read as a common noun ("Fallows remarked" after "Chris
        Fallows") is still that person."""
        surnames = {m.text.split()[-1] for m in self.mentions if self.kinds.get(m.text) == "person" and len(m.tokens) > 1}
        taken = {t.i for m in self.mentions for t in m.tokens}
        added = False
        for token in self.doc:
            if (token.text in surnames and token.i not in taken and token.tag_ in {"NN", "NNS"}
                    and token.idx >= self.body_start and token.text[:1].isupper()):
                self.mentions.append(NameMention([token], [], self._sent_of[token.i]))
                self.kinds[token.text] = "person"
                added = True
        if added:
            self.mentions.sort(key=lambda m: m.start)

    def _label_of(self, mention: NameMention) -> str | None:
        """The recogniser's label for the entity holding the name's last word, if any."""
        entity = self._entity.get(mention.tokens[-1].i)
        return entity.label_ if entity is not None else None

    def _entity_kind(self, mention: NameMention) -> str | None:
        """The kind the named-entity recogniser gives the name's last word, if any (a title still
        makes a sure person: "Sen. Warren")."""
        label = self._label_of(mention)
        if label is None or _kind_of_name(mention) == "person!":
            return None
        if mention.text.lower() in PLATFORMS:
            return "organization"  # the recogniser often takes "Twitter" for a person
        return NAMED_ENTITY_KINDS[label]

    def _index(self) -> None:
        """Lookups that keep resolution linear in the article's length."""
        self._by_token = {i: m for m in self.mentions for i in range(m.tokens[0].i, m.tokens[-1].i + 1)}
        for mention in self.mentions:
            self._short_forms.setdefault(mention.text, []).append(mention.start)
            if self.kinds.get(mention.text) == "person" and len(mention.text.split()) > 1:
                for word in set(mention.text.split()):
                    self._full_names.setdefault(word, []).append(mention)
        for mention in self.mentions:
            if self.kinds.get(mention.text) == "person":
                mention.canonical = self.canonical(mention.text, mention.start)
                if mention.text in self.genders:
                    self.genders.setdefault(mention.canonical, self.genders[mention.text])
        self._person_antecedents = [
            _Antecedent(m.start, m.sent, m.canonical, m.subject, 0.5 if _in_main_clause(m.tokens[-1]) else 0.0,
                        self._quoted(m.tokens[-1]), m.tokens[-1].i)
            for m in self.mentions
            if self.kinds.get(m.text) == "person"
        ]

    def _collect_roles(self) -> None:
        for mention in self.mentions:
            if self.kinds.get(mention.text) != "person" or mention.tokens[-1].tag_ in {"NNPS", "NNS"}:
                continue  # a plural is no one person ("Gore, the Democrats' 2000 presidential nominee")
            name = self.canonical(mention.text, mention.start)
            head = mention.tokens[-1]
            if mention.titles:
                self._add_role(name, mention.titles, mention.start)
            modifiers = [
                t for t in head.lefts
                if t.dep_ in {"compound", "amod", "nmod"} and t.i < mention.tokens[0].i and t.tag_ not in {"DT", "PRP$", "POS"}
            ]
            if any(t.tag_.startswith("NN") and t.tag_ not in _PROPER for t in modifiers):
                # "London mayor Sadiq Khan": "London" hangs on "mayor", not on the name
                words = sorted({w for t in modifiers for w in t.subtree if w.i < mention.tokens[0].i}, key=lambda w: w.i)
                self._add_role(name, [w.lower_ for w in words if w.tag_ not in {"DT", "PRP$", "POS"} and not w.is_punct], mention.start)
            for child in head.children:
                if child.dep_ == "appos" and child.tag_ in {"NN", "NNS"} and not _praises(child):
                    self._add_role(name, _role_words(child), mention.start)
            if head.dep_ == "appos" and head.head.tag_ == "NN" and not _praises(head.head, exclude=head):
                self._add_role(name, _role_words(head.head, exclude=head), mention.start)
            if head.dep_ == "nsubj" and head.head.lower_ in _BE_FORMS:
                for child in head.head.children:
                    if child.dep_ == "attr" and child.tag_ == "NN" and not _praises(child, copula=True):
                        self._add_role(name, _role_words(child), mention.start)

    def _add_role(self, name: str, words: list[str], position: int) -> None:
        nouns = [w for w in words if w in PERSON_NOUNS or w in TITLES]
        if not nouns:
            return
        label = " ".join(words)
        self.roles.append(Role(name, frozenset(normalise_word(w) for w in words), normalise_word(nouns[-1]), position, label))

    def role_sightings(self) -> list[tuple[str, str]]:
        """(person, role) pairs the article states or implies, in text order, once each.

        Besides appositions and titles, a description that resolved to a person
        ("the Labor London mayor" -> Sadiq Khan) is a sighting of that role: the
        corpus-wide store learns from it which roles name whom, and when.
        """
        pairs: list[tuple[str, str]] = []
        for role in sorted(self.roles + self.resolved_descriptions, key=lambda r: r.position):
            pair = (without_the(role.name), role.label)
            if _names_a_post(role.label) and pair not in pairs:
                pairs.append(pair)
        return pairs

    def _find_lead(self, headline_end: int) -> None:
        start = max(self.body_start, headline_end)
        sents = [s for s in self.doc.sents if s.end_char > start and s.text[max(0, start - s.start_char):].strip()]
        if len(sents) < 2:
            return
        lead = sents[0]
        for mention in self.mentions:
            if lead.start_char <= mention.start < lead.end_char and mention.subject:
                if self.kinds.get(mention.text) == "person":
                    self.lead_subject = self.canonical(mention.text, mention.start)
                break
        self.lead_next_sent = self._sent_of[sents[1].start]

    # -- resolving ------------------------------------------------------------------
    def canonical(self, text: str, position: int) -> str:
        """The fullest form of a person's name in the article ("Khan" -> "Sadiq Khan").

        When two people share the word ("Joe Biden", "Hunter Biden"), the one named more often
        before ``position`` wins, counting the short form's uses while only they had been named (a
        bare surname is the story's principal), then one named as a subject (who acts in the story,
        not "as did ... Ivanka Trump" in passing), then the one named most recently; a bare word
        never merges two people.
        """
        words = text.split()
        candidates = [
            m for m in (self._full_names.get(words[-1], []) if words else [])
            if len(m.text.split()) > len(words) and self.kinds.get(m.text) == "person"
            and _contains_in_order(m.text.split(), words) and not (len(words) > 1 and _adds_a_generation(m.text, text))
        ]
        # A fuller form heard only inside someone's quoted words ("Crooked Hillary Clinton") is their
        # naming, not the article's: it completes a bare surname only when nothing else does.
        unquoted = [m for m in candidates if not self._quoted(m.tokens[-1])]
        if unquoted or len(words) > 1:
            candidates = unquoted
        if not candidates and len(words) == 1:
            return self._spelling_variant(text) or text
        uses = self._short_forms.get(text, [])
        if len(words) == 1 and uses and len({m.text for m in candidates}) == 1 and uses[0] < min(m.start for m in candidates) \
                and sum(1 for u in uses if u < candidates[0].start) >= _PRINCIPAL_USES:
            return text  # "Fiorina" again and again before "her husband, Frank Fiorina": the principal, not him
        earlier: dict[str, int] = {}
        acting: set[str] = set()
        for mention in candidates:
            if mention.start <= position:
                earlier[mention.text] = earlier.get(mention.text, 0) + 1
                if mention.subject:
                    acting.add(mention.text)
        for short in self._short_forms.get(text, []):
            if short >= position:
                break  # the short form used while only one of them had been named was theirs
            named = {m.text for m in candidates if m.start < short}
            if len(named) == 1:
                sole = next(iter(named))
                earlier[sole] = earlier.get(sole, 0) + 1
        best: tuple[int, int, int, str] | None = None
        for mention in candidates:
            before = mention.start <= position
            acts = 1 if mention.text in acting else 0
            key = (1 if before else 0, earlier.get(mention.text, 0), acts, mention.start if before else -mention.start, mention.text)
            if best is None or key[:4] > best[:4]:
                best = key
        return best[4] if best else text

    def _spelling_variant(self, word: str) -> str | None:
        """"Saree said" where the article named "Yahya Sarea": a lone surname one letter or so off
        the surname of exactly one full name in the article is that person (transliterations and
        slips: "Wasif" for "Sally Wasef")."""
        if len(word) < _VARIANT_MIN_LETTERS:
            return None
        full = {m.text for m in self.mentions if len(m.tokens) > 1 and self.kinds.get(m.text) == "person"}
        close = {name for name in full
                 if name.split()[-1][:1] == word[:1]
                 and SequenceMatcher(None, name.split()[-1].lower(), word.lower()).ratio() >= _VARIANT_SIMILARITY}
        return next(iter(close)) if len(close) == 1 else None

    def organisation_name(self, mention: NameMention) -> str:
        """The fullest form of a body's name in the article: an acronym spelt out ("CBCP" ->
        "Catholic Bishops' Conference of the Philippines"), a short form completed ("Ford" -> "Ford
        Motor Company", "the Department" -> "California Department of Corrections"); the form named
        most often wins, then the first."""
        if self._label_of(mention) == "GPE":
            return mention.text
        if mention.text not in self._organisation_names:  # the answer depends on the text alone
            self._organisation_names[mention.text] = self._fullest_body_name(mention.text)
        return self._organisation_names[mention.text]

    def _in_brackets_after(self, end: int, other: NameMention) -> bool:
        """'AEW (All Elite Wrestling)': the other name opens a bracket right after ``end``."""
        return doc_text(self.doc)[end:other.start].strip() == "("

    def _fullest_body_name(self, name: str) -> str:
        """``organisation_name`` for a name as written, uncached."""
        text = without_the(name)
        words = text.split()
        if not words:
            return name
        acronym = _is_acronym(text) and len(words) == 1
        counts: dict[str, int] = {}
        first_use = next(m.start for m in self.mentions if without_the(m.text) == text)
        for other in self.mentions:
            if other.start > first_use and not (acronym and self._in_brackets_after(first_use + len(name), other)):
                break  # a long form is given first, then shortened: "Syrian Democratic Forces (SDF)"
            longer = without_the(other.text)
            if len(longer.split()) <= len(words) or self.kinds.get(other.text) not in {"organization", "group"}:
                continue
            if acronym and _initials(longer) == text.replace(".", "") or not acronym and _completes(longer.split(), words):
                counts[longer] = counts.get(longer, 0) + 1
        if not counts:
            return name
        return max(counts, key=counts.get)  # dicts keep text order: a tie goes to the first named

    def name_at(self, token: Token) -> NameMention | None:
        return self._by_token.get(token.i)

    def resolve(self, head: Token, said: Sequence[tuple[int, int]] = ()) -> Referent:
        """Resolve the head token of a speaker mention; ``said`` is what the speaker says (character
        spans): a pronoun never stands for a name inside its own words ("He said Zelensky is ...")."""
        lower = head.lower_
        if head.tag_ in {"WP", "WDT"} and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            antecedent = self.resolve(head.head.head)  # "Alex Greenwich, who said ...": the one the clause is about
            if antecedent.name:
                return antecedent
        mention = self.name_at(head)
        person = self._appositive_person(head)
        if person is not None and (mention is None or self._label_of(mention) != "PERSON"):
            return self.resolve(person.tokens[-1])  # "Republican Assemblywoman, Jill Tolles, said"
        if mention is not None and self.kinds.get(mention.text) != _COMMON_WORD:
            kind = self.kinds.get(mention.text, "person")
            name = mention.canonical if kind == "person" else self.organisation_name(mention)
            return Referent(without_the(name), kind if kind in SPEAKER_KINDS else None, "name")
        if lower in FIRST_PERSON and (speaker := self.turn_speaker_at(head.idx)) is not None:
            return Referent(speaker, "person", "turn")  # "I" in an interview answer: the one answering
        if lower == "you" and (asked := self.interviewee_at(head.idx)) is not None:
            return Referent(asked, "person", "turn")  # "you state ..." in the interviewer's question
        if head.tag_ in {"PRP", "PRP$"} or lower in PERSON_PRONOUNS:
            return self._resolve_pronoun(head, said)
        appos_name = next((self.name_at(c) for c in head.children if c.dep_ == "appos" and self.name_at(c)), None)
        if appos_name is not None:
            return self.resolve(appos_name.tokens[-1])
        called = self._name_it_goes_by(head)
        if called is not None:
            return Referent(self.canonical(called.text, called.start), "person", "name")
        holder = self._office_holder(head)
        if holder is not None:
            return Referent(self.canonical(holder.text, holder.start), "person", "name")
        inner = self._name_in_phrase(head)
        if inner is not None:
            return self.resolve(inner.tokens[-1])  # "study co-author Karen Alley", "professor Julian Marshall"
        return self._resolve_description(head)

    def _name_in_phrase(self, head: Token) -> NameMention | None:
        """A person's name among the head's own modifiers, not a possessor or a preposition's object
        ("Clinton's campaign manager", "a spokesman for Trump" name someone else)."""
        found = None
        determined = any(c.dep_ == "det" for c in head.children)
        for token in head.subtree:
            mention = self.name_at(token)
            if mention is None or token.i != mention.tokens[-1].i or self.kinds.get(mention.text) != "person":
                continue
            if determined and token.i < head.i:
                continue  # "the Wooster professor": a name before a determined noun is where they work
            path, ok = token, True
            while path.i != head.i and ok:
                ok = path.dep_ not in {"poss", "pobj", "prep", "relcl", "acl", "conj"}
                path = path.head
            if ok and path.i == head.i:
                found = mention
        return found

    def _name_it_goes_by(self, head: Token) -> NameMention | None:
        """"A university student named Wong", "a protester using the pseudonym Katya": the name a
        described person is given."""
        for clause in (c for c in head.children if c.dep_ == "acl"):
            for token in clause.subtree:
                mention = self.name_at(token)
                if mention is not None and token.i == mention.tokens[-1].i and clause.lower_ in _GOING_BY:
                    if token.dep_ in {"oprd", "dobj", "appos", "attr"}:
                        return mention
        return None

    def _office_holder(self, head: Token) -> NameMention | None:
        """The person named after an office and its place: "the mayor of Paris, Anne Hidalgo", "First
        Minister of Scotland Nicola Sturgeon", "US Ambassador to Germany Richard Grenell" (not "the wife
        of John Smith", where the name is the whole phrase after "of": someone else)."""
        if normalise_word(head.text) not in PERSON_NOUNS and head.lower_ not in TITLES:
            return None
        place = phrase_object(head, {"of", "to", "for"})
        if place is None:
            return None
        for child in place.children:
            mention = self.name_at(child) if child.dep_ == "appos" else None
            if mention is not None and (self._label_of(mention) == "PERSON" or self.kinds.get(mention.text) == "person"):
                return mention
        mention = self.name_at(place)
        if mention is not None and mention.tokens[0].i > place.left_edge.i and len(mention.tokens) > 1:
            return mention
        return None

    def turn_speaker_at(self, position: int) -> str | None:
        """Who is answering at a position of an interview ("((Dorsa Derakhshani)) I got ..."), if anyone
        named; the interviewer's turns ("((WN))") name nobody."""
        speaker = None
        for start, name in self.turns:
            if start > position:
                break
            speaker = name
        return speaker

    def interviewee_at(self, position: int) -> str | None:
        """In an interviewer's turn, the one being asked: who answers next (or answered last); where
        no answer is marked with a name (only the questions are "((WN))" turns), the person the
        article's lead is about ("Adam Kokesh ... spoke with Wikinews")."""
        asking = [i for i, (start, _) in enumerate(self.turns) if start <= position]
        if not asking or self.turns[asking[-1]][1] is not None:
            return None
        after = [name for _, name in self.turns[asking[-1] + 1:] if name is not None]
        before = [name for _, name in self.turns[:asking[-1]] if name is not None]
        if not after and not before:
            return self.lead_subject
        return after[0] if after else before[-1]

    def _appositive_person(self, head: Token, depth: int = 0) -> NameMention | None:
        """A person's name in apposition to the head, as the recogniser marks it, also down a chain
        of appositions ("news agency ISNA, the prosecutor general of Tehran, Ali Alghasi Mehr") or
        past a role the parser coordinated with the head ("the Institute's director, Dr. Anthony
        Fauci" read as "Institute ... and director")."""
        for child in head.children:
            mention = self.name_at(child) if child.dep_ == "appos" else None
            if mention is not None and self._label_of(mention) == "PERSON":
                return mention
        if depth >= 2:
            return None
        for child in head.children:
            role = child.dep_ == "conj" and normalise_word(child.text) in PERSON_NOUNS
            if (child.dep_ == "appos" and self.name_at(child) is None) or role:
                found = self._appositive_person(child, depth + 1) or self._office_holder(child)
                if found is not None and self.kinds.get(found.text) == "person":
                    return found
        return None

    def follow_pronouns(self, until: int) -> None:
        """Resolve, in text order, the article's own "he" and "she" subjects before ``until`` (a
        character offset) that no statement resolved, so that a later pronoun chains through them
        ("She was given a chance ... when Vizmedia dubbed Sailor Moon. When she was cast, ..."),
        rather than to a name mentioned in passing between."""
        while self._pending_pronouns and self._pending_pronouns[0].idx < until:
            pronoun = self._pending_pronouns.pop(0)
            if any(a.token == pronoun.i for a in self.resolved_pronouns):
                continue
            referent = self._resolve_pronoun(pronoun)
            if referent.name:
                self.resolved_pronouns.append(_Antecedent(
                    pronoun.idx, self._sent_of[pronoun.i], referent.name, True,
                    0.5 if _in_main_clause(pronoun) else 0.0, token=pronoun.i))

    def remember(self, head: Token, referent: Referent) -> None:
        """Record a resolved speaker so later pronouns can chain to it; speakers are salient."""
        if referent.name and referent.kind == "person":
            self.resolved_pronouns.append(
                _Antecedent(head.idx, self._sent_of[head.i], referent.name, head.dep_ in _SUBJECT_DEPS,
                            0.5 if head.head.dep_ == "relcl" else 1.0, token=head.i)  # "..., which Biden opposed": an aside
            )
            gender = PERSON_PRONOUNS.get(head.lower_)
            if gender:
                self.genders.setdefault(referent.name, gender)
        elif referent.name and referent.kind == "organization":
            self.resolved_bodies.append(_Antecedent(head.idx, self._sent_of[head.i], referent.name, True, token=head.i))

    def _resolve_pronoun(self, head: Token, said: Sequence[tuple[int, int]] = ()) -> Referent:
        lower = head.lower_
        if lower in GROUP_PRONOUNS or lower in ORG_PRONOUNS:
            kind = "group" if lower in GROUP_PRONOUNS else "organization"
            body = self._body_named_after(head) or self._recent_body(head, subjects_only=kind == "group")
            return Referent(body, "organization", "pronoun") if body else Referent(None, kind, "unresolved")
        gender = PERSON_PRONOUNS.get(lower)
        if lower == "i" or gender is None:
            return Referent(None, "person", "unresolved")
        sent = self._sent_of[head.i]
        outside_quotes = not self._quoted(head)
        best: tuple[float, int, str] | None = None
        for candidate in self._antecedents():
            if candidate.position >= head.idx or sent - candidate.sent > _PRONOUN_WINDOW:
                continue
            if candidate.quoted and outside_quotes:
                continue  # '"Only God who appointed me will remove me," he declared': not God
            if candidate.sent == sent and candidate.token >= 0 and _object_of_participle(self.doc[candidate.token], head):
                continue  # "Speaking to Martin Smith of PBS, he said": he spoke to Smith
            if any(start <= candidate.position < end for start, end in said) and not self._speaks(candidate):
                continue  # '"Zelensky is a model of honesty," he added': he speaks of Zelensky
            known = self.genders.get(candidate.name) or gender_of_full_name(candidate.name)
            if known and known != gender:
                continue
            score = -2.0 * (sent - candidate.sent) + (1.0 if candidate.subject else 0.0) + candidate.salience
            key = (score, candidate.position, candidate.name)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            return Referent(None, "person", "unresolved")
        return Referent(best[2], "person", "pronoun")

    def _speaks(self, candidate: _Antecedent) -> bool:
        """Whether the candidate is the subject of a speech verb ('said Delfin Lorenzana')."""
        token = self.doc[candidate.token] if candidate.token >= 0 else None
        return token is not None and token.head.lower_ in CUE_FORMS

    def _quoted(self, token: Token) -> bool:
        return bool(self._in_quote) and self._in_quote[token.i]

    def _body_named_after(self, head: Token) -> str | None:
        """"According to its press release, the NBA was ...", "In their statement, the ministers
        said ...": a possessive in a phrase set before the clause's subject is that subject's."""
        if head.tag_ != "PRP$":
            return None
        verb = next((t for t in head.ancestors if t.pos_ in {"VERB", "AUX"}), head.sent.root)
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or subject.i < head.i or any(t.i == head.i for t in subject.subtree):
            return None
        mention = self.name_at(subject)
        if mention is not None and self.kinds.get(mention.text) == "organization":
            return without_the(self.organisation_name(mention))
        return None

    def _recent_body(self, head: Token, subjects_only: bool) -> str | None:
        """"It said", "they said": the organisation named last before, within two sentences (for
        "they", only one named as a subject: "they" is more often people)."""
        sent = self._sent_of[head.i]
        outside_quotes = not self._quoted(head)
        named: tuple[int, str] | None = None
        for mention in reversed(self.mentions):
            if mention.start >= head.idx or (outside_quotes and self._quoted(mention.tokens[-1])):
                continue
            if sent - mention.sent > _BODY_PRONOUN_WINDOW:
                break
            if self.kinds.get(mention.text) == "organization" and (mention.subject or not subjects_only):
                if self._label_of(mention) == "ORG":
                    named = (mention.start, without_the(self.organisation_name(mention)))
                    break
        # A body that spoke just before ("The government of American Samoa issued a statement ...
        # Their statement also read") though no name of the recogniser's says so.
        spoke = [(b.position, b.name) for b in self.resolved_bodies
                 if b.position < head.idx and sent - b.sent <= _BODY_PRONOUN_WINDOW]
        candidates = [c for c in (named, max(spoke) if spoke else None) if c is not None]
        return max(candidates)[1] if candidates else None

    def _antecedents(self) -> list[_Antecedent]:
        return self._person_antecedents + self.resolved_pronouns

    def _resolve_description(self, head: Token) -> Referent:
        lower = normalise_word(head.text)
        whole = phrase_object(head) if lower in _PART_NOUNS else None
        if whole is not None and normalise_word(whole.text) in DOCUMENT_NOUNS:
            return self.resolve(whole)  # "part of the judge's statement reads": the statement
        if lower in DOCUMENT_NOUNS:
            issuer = self._issuer(head) or self._issuer_of_the_same(head)
            if issuer is not None:  # "Trump's statement read", "the opinion of the Court": who issued it
                return self.resolve(issuer)
        if head.tag_ in {"NNS", "NNPS"}:
            return Referent(None, "group", "description")
        if lower in ORGANIZATION_NOUNS:
            return Referent(self._named_body(head) or self._body_by_noun(head), "organization", "description")
        if lower not in PERSON_NOUNS and lower not in PARTY_MEMBERS:
            return Referent(None, None, "description")
        definite = any(c.lower_ in {"the", "this", "that"} for c in head.children if c.dep_ == "det")
        if not definite:
            return Referent(None, "person", "description")
        words = {normalise_word(w) for w in _role_words(head)}
        # "The Republican": the one last described as one ("the Republican nominee, Donald Trump")
        matches = [r for r in self.roles if r.head == lower or (lower in PARTY_MEMBERS and lower in r.words)]
        if matches:
            best = max(matches, key=lambda r: (len(r.words & words), r.position <= head.idx, r.position))
            return self._described(head, best.name, "role")
        if self.lead_subject and self._sent_of[head.i] == self.lead_next_sent:
            return self._described(head, self.lead_subject, "lead")
        return Referent(None, "person", "description")

    def _named_body(self, head: Token) -> str | None:
        """"The Trump campaign", "the German government", "the government of American Samoa": an
        organisation noun that a proper name or nationality qualifies is that body's name."""
        proper = [c for c in head.children if c.i < head.i and c.dep_ in {"compound", "amod"} and c.tag_ in _PROPER | {"JJ"}
                  and (c.tag_ in _PROPER or c.i in self._entity)]
        place = phrase_object(head)
        if place is not None and place.tag_ not in _PROPER:
            place = None
        if not proper and place is None:
            return None
        first = min([head.i] + [t.i for c in proper for t in c.subtree])
        last = max(t.i for t in place.subtree) if place is not None else head.i
        return " ".join(self.doc[first:last + 1].text.split())

    def _issuer(self, document: Token) -> Token | None:
        return (_possessor(document)
                or phrase_object(document, {"of", "from", "by"}) or self._named_issuer(document) or _releaser(document)
                or _agent_of_issuing(document))

    def _issuer_of_the_same(self, head: Token) -> Token | None:
        """"The letter stressed ..." after "the EFF sent a letter to GitHub": a document the article
        brings back with "the" is the one it named before (a court's ruling, by any of its names),
        issued by whoever issued that one."""
        if not any(c.lower_ in {"the", "this", "that"} for c in head.children if c.dep_ == "det"):
            return None
        noun = normalise_word(head.text)
        wanted = COURT_DOCUMENTS if noun in COURT_DOCUMENTS else {noun}  # "issued a ruling ... the decision"
        for earlier in reversed(self.doc[max(0, head.i - _DOCUMENT_LOOKBACK):head.i]):
            if earlier.tag_ in {"NN", "NNS"} and normalise_word(earlier.text) in wanted:
                issuer = self._issuer(earlier)
                if issuer is not None and not self._quoted(issuer):
                    return issuer
        return None

    def _named_issuer(self, head: Token) -> Token | None:
        """"an AEW press release", "a White House statement": the name before the document noun."""
        for child in head.children:
            if child.dep_ in {"compound", "nmod"} and child.i < head.i:
                for token in child.subtree:
                    mention = self.name_at(token)
                    if mention is not None and self.kinds.get(mention.text) in SPEAKER_KINDS:
                        return mention.tokens[-1]
        return None

    def _body_by_noun(self, head: Token) -> str | None:
        """"The party said", "the court found": the body of that kind the article named last before
        ("Thai Raksa Chart Party", "Court of Session")."""
        if not any(c.lower_ in {"the", "this"} for c in head.children if c.dep_ == "det"):
            return None
        noun = normalise_word(head.text)
        for mention in reversed(self.mentions):
            if mention.start >= head.idx or self.kinds.get(mention.text) != "organization":
                continue
            words = [normalise_word(w) for w in mention.text.split()]
            cut = next((i for i, w in enumerate(words) if i and w in _OF_WORDS), len(words))
            if noun == words[cut - 1]:  # "the commission": "Commission on Presidential Debates"
                return without_the(self.organisation_name(mention))
        return None

    def _described(self, head: Token, name: str, how: str) -> Referent:
        words = _role_words(head)
        self.resolved_descriptions.append(
            Role(name, frozenset(normalise_word(w) for w in words), normalise_word(head.text), head.idx, " ".join(words))
        )
        return Referent(name, "person", how)


_TURN = re.compile(r"^[ \t]*\(\((?P<name>[^()\n]{1,60})\)\)", re.M)
_INTERVIEWERS = frozenset({"wn", "wikinews", "q", "interviewer"})


def _with_places_in_names(doc: Doc) -> list[SpacySpan]:
    """The recogniser's entities, with a place that ends an organisation's name joined to it: it
    stops "the Supreme Court" before "of the United Kingdom", "the High Court of England" before
    "and Wales"."""
    entities = list(doc.ents)
    joined: list[SpacySpan] = []
    i = 0
    while i < len(entities):
        entity = entities[i]
        place = entities[i + 1] if i + 1 < len(entities) else None
        if entity.label_ == "ORG" and place is not None and _is_place(place) and _joins_place(entity, place):
            joined.append(SpacySpan(doc, entity.start, place.end, label="ORG"))
            i += 2
            continue
        joined.append(entity)
        i += 1
    return joined


def _is_place(entity: SpacySpan) -> bool:
    """A place by the recogniser, or a country it took for a body ("Wales" after "Court of England and")."""
    return entity.label_ == "GPE" or entity.text.lower() in PLACES


def _joins_place(organisation: SpacySpan, place: SpacySpan) -> bool:
    doc = organisation.doc
    if place.end < len(doc) and doc[place.end].lower_ in {"'s", "’s"}:
        return False  # "Nikki Holland of the UK's National Crime Agency": the place owns what follows
    between = [t.lower_ for t in doc[organisation.end:place.start]]
    if between == ["and"]:
        return "of" in [t.lower_ for t in organisation]  # "Court of England and Wales"
    return between in (["of"], ["of", "the"])


def _numbers_a_document(run: list[Token], token: Token) -> bool:
    """The number of a law or an order goes on with its name: "Republic Act No. 3846"."""
    if run[-1].lower_ == "no" and token.text == "." and not run[-1].whitespace_:
        return token.i + 1 < len(token.doc) and token.nbor(1).like_num
    return token.like_num and len(run) > 1 and run[-1].text == "." and run[-2].lower_ == "no"


def _credit_label(token: Token) -> bool:
    """"Image:" after a name in a caption ("Markham Robinson Image: Markham Robinson.")."""
    return token.lower_ in CREDIT_LABELS and token.i + 1 < len(token.doc) and token.nbor(1).text == ":"


def _interview_turns(text: str, body_start: int) -> list[tuple[int, str | None]]:
    """Interview turns opened by "((Name))" at the start of a paragraph (Wikinews style), in order;
    the interviewer's own turns ("((WN))") have no speaker."""
    turns = []
    for match in _TURN.finditer(text, body_start):
        name = " ".join(match.group("name").split())
        turns.append((match.start(), None if name.lower() in _INTERVIEWERS else name))
    return turns


def _sentence_numbers(doc: Doc, sent_index: dict[int, int]) -> list[int]:
    numbers, current = [], 0
    for token in doc:
        current = sent_index.get(token.i, current)
        numbers.append(current)
    return numbers


_NAME_JOINERS = frozenset({"of", "and", "for", "&", "on", "the", "'", "’", "'s", "’s"})
_OF_WORDS = frozenset({"of", "on", "for"})
_PRINCIPAL_USES = 3  # uses of a bare surname before the one full name of it that make it the story's principal
_GOING_BY = frozenset({"named", "called", "nicknamed", "dubbed", "using", "identified", "known"})
_PART_NOUNS = frozenset({"part", "parts", "portion", "excerpt", "section", "passage", "some", "much"})


_INITIAL_SKIPS = frozenset({"of", "the", "and", "for", "on", "&", "de", "in"})


def _initials(name: str) -> str:
    """"World Health Organization" -> "WHO"; small words left out."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _INITIAL_SKIPS and w[0].isalpha()).upper()


def _completes(longer: list[str], shorter: list[str]) -> bool:
    """A longer organisation name that completes a short one: same first word ("Ford" -> "Ford Motor
    Company") or the short one's organisation noun with its qualifiers ("Ministry" -> "Foreign
    Ministry of Iraq"); either way one of them ends on an organisation word."""
    if not _contains_in_order(longer, shorter):
        # "State Department" for "Department of State": the qualifier moved behind the noun
        return (len(shorter) == 2 and shorter[1].lower() in ORGANIZATION_WORDS
                and " ".join(shorter[1:] + ["of"] + shorter[:1]) in " ".join(longer))
    return _completes_in_order(longer, shorter)


def _completes_in_order(longer: list[str], shorter: list[str]) -> bool:
    head = longer[:longer.index("of")] if "of" in longer else longer
    ends_on_body = shorter[-1].lower() in ORGANIZATION_WORDS or head[-1].lower() in ORGANIZATION_WORDS
    return ends_on_body and (longer[0] == shorter[0] or shorter[-1] == head[-1])


_ROLE_SUFFIXES = ("ist", "woman", "caster")


def _role_read_as_organisation(run: list[Token], entity: SpacySpan) -> bool:
    """"Assemblywoman Selena Torres" marked as an organisation: a role word opens the entity and no
    organisation word follows it ("Voter Rights Alliance" stays whole)."""
    return (entity.label_ == "ORG" and len(run) > 2 and entity.start == run[0].i and _is_role_word(run[0].lower_)
            and not any(normalise_word(t.text) in ORGANIZATION_NOUNS for t in run[1:]))


_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


def _after_possessive(run: list[Token]) -> int:
    """Where a person's name starts after a possessive inside one run ("Fox News’ Sean Hannity",
    "Huffington Post’s Scott Conroy": the employer's, then the person's), or 0. A given name must
    follow, then a word, and no organisation word ("The Children's Defense Fund" stays whole); a
    bare mark counts only after a plural's "s"."""
    for i in range(len(run) - 3, 0, -1):
        token, rest = run[i], run[i + 1:]
        if token.text not in _POSSESSIVE_MARKS or (token.text in {"'", "’"} and not run[i - 1].lower_.endswith("s")):
            continue
        if is_given_name(rest[0].text) and rest[1].text[:1].isupper() and not any(t.lower_ in ORGANIZATION_WORDS for t in rest):
            return i + 1
    return 0


def _after_organisation_ending(run: list[Token], entity: SpacySpan | None) -> int:
    """Where a person's name starts after an organisation's closing word inside one organisation
    entity ("Amnesty International Man-kei Tam"), or 0: two words of a name must follow. After a
    body's noun, one word of no body and then a given name, that word is an office the recogniser
    did not know, often misspelt ("the House Intelligence Committee Represenative Adam Schiff")."""
    for i, token in enumerate(run[:-2]):
        if any(t.lower_ in ORGANIZATION_WORDS for t in run[i + 1:]):
            continue
        if token.lower_ in ORGANIZATION_ENDINGS and entity is not None and entity.label_ == "ORG":
            return i + 1
        if (normalise_word(token.lower_) in ORGANIZATION_NOUNS and i + 3 < len(run) and is_given_name(run[i + 2].text)
                and (entity is None or entity.label_ == "ORG")):
            return i + 2
    return 0


_POST_HEAD_ENDS = frozenset("of for at in with from on to under by over and".split())
_GRADING_WORDS = frozenset("very not but so too really truly quite exactly rather pretty".split())  # judgements
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")  # "investor", "physicist", "consultant"
MAX_POST_WORDS = 8


def _names_a_post(label: str) -> bool:
    """Whether a role is what the record keeps of a person, an office or a job: at most eight words,
    headed (its last word before a preposition) by a word for a person ("london mayor", "professor
    of law at yale", "investor"); not a family tie ("son") or a bare relation ("opponent"), not a
    judgement graded by "very" or "not" ("an ambitious but not exactly very well informed man"), nor
    a phrase the parser headed by a name or a thing ("wife melania", "editor note")."""
    words = label.replace(" - ", "-").split()
    if not words or len(words) > MAX_POST_WORDS or any(w in _GRADING_WORDS for w in words):
        return False
    if not any(w in PERSON_NOUNS for w in label.split()):
        return False  # a title alone ("mr.") says nothing of a post
    head_words = words[:next((i for i, w in enumerate(words) if w in _POST_HEAD_ENDS), len(words))]
    if not head_words:
        return False
    head = head_words[-1]
    if head in KIN_NOUNS or (len(words) == 1 and head in RELATION_NOUNS):
        return False
    return any(
        _is_role_word(normalise_word(w)) or w in TITLES or (len(w) > 4 and w.endswith(_AGENT_ENDINGS))
        for w in {head, head.split("-")[-1]}
    )


def _is_role_word(lower: str) -> bool:
    """A word that says what someone is, standing before their name: "voter", "immunologist",
    "assemblywoman", "republican"."""
    return lower in PERSON_NOUNS or lower in PARTY_WORDS or (len(lower) > 6 and lower.endswith(_ROLE_SUFFIXES))


def _releaser(document: Token) -> Token | None:
    """"Facebook released a statement which read ...": who released, issued or posted it."""
    if document.dep_ != "dobj":
        return None
    return next((c for c in document.head.children if c.dep_ == "nsubj"), None)


def _is_surname(token: Token, last: Token) -> bool:
    """The name's last word, but for a generational suffix after it ("King" in "Martin Luther King Jr.")."""
    return all(t.lower_.strip(".") in GENERATIONAL_SUFFIXES or t.is_punct for t in token.doc[token.i + 1:last.i + 1])


def _owns_after_of(run: list[Token]) -> bool:
    """"Part of Trump's tweet": one name after "of", owning what follows, is a name, not an office's tail."""
    last = run[-1]
    return len(run) == 1 and last.i + 1 < len(last.doc) and last.nbor(1).lower_ in {"'s", "’s"}


def _possessor(document: Token) -> Token | None:
    """"Trump's tweet", also when the parser made the document a compound of the verb after it
    ("Trump's tweet read, ..." with "read" as the noun that "Trump's" possesses)."""
    holder = document.head if document.dep_ == "compound" and document.head.i > document.i else document
    return next((c for c in holder.children if c.dep_ == "poss" and c.i < document.i), None)


def _agent_of_issuing(document: Token) -> Token | None:
    """"The orange warning issued by Met Éireann": the agent of the participle the document takes."""
    for participle in document.children:
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            agent = next((c for c in participle.children if c.dep_ == "agent"), None)
            if agent is not None:
                return prepositional_object(agent)
    return None


def _opens_sentence(token: Token) -> bool:
    """The first word of its sentence, quotation marks and brackets aside."""
    for before in reversed(token.doc[token.sent.start:token.i]):
        if not (before.is_punct or before.is_space):
            return False
    return True


def _in_main_clause(token: Token) -> bool:
    return token.dep_ in _SUBJECT_DEPS and token.head.dep_ == "ROOT"


def _kind_of_name(mention: NameMention) -> str:
    """Person or organisation, from the name's own shape; "!" marks a sure vote."""
    words = [t.text for t in mention.tokens]
    lower = [w.lower() for w in words]
    if mention.titles and any(t in GENDERED_TITLES or t in {"president", "senator", "sen.", "rep.", "gov.", "dr.", "dr"} for t in mention.titles):
        return "person!"
    if mention.titles and mention.titles[-1] in ORGANIZATION_ENDINGS:
        return "person!"  # a name after its organisation's: "Amnesty International Man-kei Tam"
    last = mention.tokens[-1]
    if last.dep_ == "appos" and normalise_word(last.head.text) in PERSON_NOUNS:
        return "person!"  # "a State Department spokesperson, Morgan Ortagus" (the recogniser: ORG)
    if any(_person_in_apposition(c) for c in last.children):
        return "person!"  # "Gáspár Maróth, the Hungarian Government commissioner", "Wanda Vázquez Garced,
        # the Secretary of Justice" (the recogniser: ORG)
    if any(_is_model_number(w) for w in words):
        return "thing"  # "Volvo XC90", "Boeing 737": people's names hold no digits
    first = mention.tokens[0]
    if first.i > 0 and first.nbor(-1).lower_ == "the":
        return "organization"
    if first.i > 1 and first.nbor(-1).lower_ in {"of", "for"} and first.nbor(-2).tag_ in _PROPER:
        return "organization"  # the tail of a longer name: "Center for Health Security"
    if len(lower) == 1 and lower[0] in PLATFORMS:
        return "organization"
    if lower[-1] in ORGANIZATION_WORDS or " ".join(lower) in PLACES or (len(lower) == 1 and lower[0] in PLACES):
        return "organization"
    if any(_is_acronym(w) or _is_camel(w) for w in words):
        return "organization"
    if mention.tokens[-1].tag_ == "NNPS":
        return "group"  # a plural proper noun: "Democrats", "House Republicans"
    return "person"


def _person_in_apposition(token: Token) -> bool:
    """An apposition that describes a person: a common noun for one ("the Hungarian Government
    commissioner"), or an office with its article ("the Secretary of Justice")."""
    if token.dep_ != "appos" or normalise_word(token.text) not in PERSON_NOUNS:
        return False
    return token.tag_ == "NN" or (token.tag_ == "NNP" and any(c.dep_ == "det" for c in token.children))


def _object_of_participle(name: Token, pronoun: Token) -> bool:
    """Whether the name is an object inside a subjectless participle clause that the pronoun is
    outside of ("Speaking to Martin Smith, he said", "After meeting Trump, she said"): the
    participle's understood subject is the clause's subject, so the name is someone else."""
    if name.dep_ not in {"pobj", "dobj", "dative"}:
        return False
    for verb in name.ancestors:
        if verb.tag_ in {"VBG", "VBN"} and verb.dep_ in {"advcl", "pcomp"}:
            if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
                return False
            return pronoun.i < verb.left_edge.i or pronoun.i > verb.right_edge.i
    return False


def _adds_a_generation(longer: str, shorter: str) -> bool:
    """"Donald Trump Jr." is not a fuller "Donald Trump": a generational suffix names another person
    (a bare "Downey" may still be "Robert Downey Jr.")."""
    suffix = longer.split()[-1].lower().strip(".,")
    return suffix in GENERATIONAL_SUFFIXES and suffix not in {w.lower().strip(".,") for w in shorter.split()}


def _caseless(word: str) -> bool:
    """Letters of a script without capitals (Persian, Hindi): the tagger's proper nouns in such a
    passage of an English article are guesses, not names it can tell."""
    return any(c.isalpha() for c in word) and not any(c.isupper() or c.islower() for c in word)


def _is_model_number(word: str) -> bool:
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word) or word.isdigit()


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _is_camel(word: str) -> bool:
    return len(word) > 2 and word[0].isupper() and any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)


def _contains_in_order(longer: list[str], shorter: list[str]) -> bool:
    it = iter(longer)
    return all(word in it for word in shorter)


def _praises(head: Token, exclude: Token | None = None, copula: bool = False) -> bool:
    """A judgement, not an office: a superlative or comparative ("my best friend", "the greatest
    president"), or after "is a(n)" an adjective of praise or blame ("is an amazing leader", "is a
    terrible senator"; "is a former senator" and "is a Republican senator" stay roles)."""
    skip = set(exclude.subtree) if exclude is not None else set()
    words = [t for t in head.subtree if t not in skip and t.i <= head.i]
    if any(t.tag_ in {"JJS", "JJR", "RBS"} for t in words):
        return True
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
    return copula and indefinite and any(
        t.tag_ == "JJ" and t.text.islower() and t.lower_ not in OFFICE_ADJECTIVES for t in words
    )


def _role_words(head: Token, exclude: Token | None = None) -> list[str]:
    """A role's words without the clauses hung on it ("a lawyer in Orlando who specializes in land
    use" -> "lawyer in orlando"): a clause says what the person did, not what post they hold."""
    skip = set(exclude.subtree) if exclude is not None else set()
    for token in head.subtree:
        if token.dep_ in {"relcl", "acl"} and token is not head:
            skip.update(token.subtree)
    return [
        t.lower_ for t in head.subtree
        if t not in skip and not t.is_punct and t.tag_ not in {"DT", "PRP$", "POS"}
    ]


# "a spokesman for the campaign", "the city of Phoenix": the phrase names the speaker.
_MENTION_PREPOSITIONS = frozenset({"of", "for", "at", "from", "to"})


def _closes_bracket(span: SpacySpan) -> bool:
    """"Sen. Lindsey Graham (R-S.C.)": the closing bracket belongs to the mention."""
    return span[-1].text == ")" and "(" in span.text


def mention_span(head: Token) -> SpacySpan:
    """The words of a speaker mention: the head's phrase without relative clauses."""
    tokens = [head]
    for child in head.children:
        if child.i > head.i and child.dep_ in {"relcl", "acl", "punct", "cc", "parataxis"}:
            continue
        if child.i > head.i and child.dep_ == "prep" and child.lower_ not in _MENTION_PREPOSITIONS:
            continue
        tokens.extend(child.subtree)
    tokens = [t for t in tokens if not t.is_space]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    span = head.doc[start:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS") and not _closes_bracket(span):
        span = span[:-1]
    while len(span) > 1 and span[0].is_punct:
        span = span[1:]
    return span
