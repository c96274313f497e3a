"""Who the source is, and where the parser slipped.

``subject_of`` asks ``SUBJECT_FINDERS`` in order; the first with an answer decides (``NOBODY``
is an answer too). Most read the parse; the ones in ``PARSER_SLIP_REPAIRS`` mend a known slip of
en_core_web_sm's parser, each with the sentence that shows it. Clause repairs (which clause a cue
reports) live beside the cue frames in ``cues.py`` and are listed here too.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..lexicon import CUE_FORMS, DOCUMENT_NOUNS
from ..values import normalise_word
from .context import Cue
from .syntax import (
    SUBJECT_DEPS, noun_after, noun_before_finite_verb, phrase_object, prepositional_object, quoted_as_saying,
    right_after_quote,
)

_PLACES_AND_BODIES = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
NOBODY = object()  # a finder's answer: decided, and the verb has no subject


Finder = Callable[[Token, int], object]  # (verb, depth) -> a Token, NOBODY, or None (not decided)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who a verb's subject is: the first of ``SUBJECT_FINDERS`` with an answer."""
    for finder in SUBJECT_FINDERS:
        found = finder(verb, depth)
        if found is NOBODY:
            return None
        if found is not None:
            return found  # type: ignore[return-value]
    return None


def author_of_handed_document(verb: Token, depth: int) -> object:
    """'The palace issued the following statement from the king:': a document the verb hands on,
    its author named ("from", "by"), right before the colon that brings its words, holds the
    author's words ("Johnson released a letter from his doctor that says ..." is Johnson's act)."""
    doc = verb.doc
    for document in verb.children:
        end = document.right_edge.i + 1
        if document.dep_ == "dobj" and normalise_word(document.text) in DOCUMENT_NOUNS and end < len(doc) and doc[end].text == ":":
            author = phrase_object(document, {"from", "by"})
            if author is not None:
                return author
    return None


def parsed_subject(verb: Token, depth: int) -> object:
    """The parser's subject; for a passive verb, the "by" agent (or nobody: "was told")."""
    named = _name_among_two_subjects(verb) or _last_part_of_hyphenated_subject(verb)
    if named is not None:
        return named
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    for child in verb.children:
        if child.dep_ == "nsubj" and not child.is_punct:
            return (name_after_reflexive(child) or person_closing_subject(child, verb)
                    or person_before_campus(child, verb) or child)
        if child.dep_ == "nsubjpass":
            by = prepositional_object(agent) if agent is not None else agent_hung_elsewhere(verb)
            return _decided(by)
    if agent is not None and verb.dep_ == "acl":
        return prepositional_object(agent)  # 'a pattern described by Marine Bulletin as "..."'
    return None


def name_after_reflexive(subject: Token) -> Token | None:
    """Repair: "In the filing itself Ford also made this point" parsed with "itself" as the subject
    and the name in apposition to it: the name is the subject."""
    if subject.tag_ != "PRP" or not subject.lower_.endswith(("self", "selves")):
        return None
    return next((c for c in subject.children if c.dep_ == "appos" and c.tag_ in {"NNP", "NNPS"}), None)


def person_closing_subject(subject: Token, verb: Token) -> Token | None:
    """Repair: "Longtime Imus in the Morning writer and performer Rob Bartlett tweeted" parsed with
    "Imus" as the subject's head: a person's name closing the subject, right before its verb, is
    who the subject is, unless the head is a person's name itself."""
    if subject.ent_type_ == "PERSON" or subject.i > verb.i:
        return None
    last = verb.i - 1
    while last > subject.i and verb.doc[last].tag_ == "RB":
        last -= 1  # "Rob Bartlett also tweeted"
    token = verb.doc[last]
    closes_name = token.ent_type_ == "PERSON" and (last + 1 >= len(verb.doc) or verb.doc[last + 1].ent_iob_ != "I")
    if last == subject.i or not closes_name or not subject.left_edge.i <= last <= subject.right_edge.i:
        return None
    return token


def person_before_campus(subject: Token, verb: Token) -> Token | None:
    """Repair: "Jo Anne Van Tilburg of the University of California, Los Angeles disagreed" parsed
    with the campus as the subject and the verb hung on the name: the place closes the person's
    affiliation ("of ..., Los Angeles"), and the person is the subject."""
    person = verb.head
    if verb.dep_ != "parataxis" or subject.ent_type_ not in {"GPE", "LOC"} or person.ent_type_ != "PERSON":
        return None
    place_start = subject.left_edge.i
    if person.i >= place_start or place_start < 2 or verb.doc[place_start - 1].text != ",":
        return None
    affiliation = next((c for c in person.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if affiliation is None or affiliation.right_edge.i != place_start - 2:
        return None
    return person


def agent_hung_elsewhere(verb: Token) -> Token | None:
    """Repair: 'COVID-19 was announced to be a "pandemic" by the World Health Organization' with
    "by" hung on the noun: a passive verb's last "by" naming someone is its agent."""
    last = verb.right_edge
    for token in verb.subtree:
        if token.lower_ == "by" and token.dep_ == "prep" and token.head.i != verb.i:
            named = prepositional_object(token)
            if named is not None and named.tag_ in {"NNP", "NNPS"} and named.right_edge.i >= last.i - 4:
                return named
    return None


def _name_among_two_subjects(verb: Token) -> Token | None:
    """Repair: "Niger's president Mahamadou Issoufou said" parsed with two subjects, the role and
    the name: the name is the speaker."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not c.is_punct]
    if len(subjects) != 2:
        return None
    # the second subject's phrase (its compounds included) follows the first one's, with at most an
    # "and" or a comma between: "Conservative Party leader and Prime Minister Boris Johnson said"
    between = verb.doc[subjects[0].right_edge.i + 1:subjects[1].left_edge.i]
    if any(t.dep_ not in {"cc", "punct"} for t in between):
        return None
    names = [s for s in subjects if s.tag_ in {"NNP", "NNPS"}]
    if len(names) == 2:  # "Member of parliament (MP) Kevin Conolly said": the person the recogniser saw
        names = [s for s in names if s.ent_type_ == "PERSON"]
    return names[0] if len(names) == 1 else None


def _last_part_of_hyphenated_subject(verb: Token) -> Token | None:
    """Repair: "Its co-author, professor Julian Marshall, said" with "co", "-" and "author" each
    parsed as a subject: the word is one, its head the last part (where the apposition hangs)."""
    parts = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(parts) < 3 or any(b.i != a.i + 1 or a.whitespace_ for a, b in zip(parts, parts[1:])):
        return None
    return parts[-1] if all(p.text == "-" for p in parts[1:-1:2]) else None


def name_before_participle(verb: Token, depth: int) -> object:
    """Repair: "footage of Hillary Clinton asking, ...": the name right before a subjectless participle does it."""
    if verb.tag_ == "VBG" and verb.i > 0 and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        before = verb.nbor(-1)
        if before.tag_ in {"NNP", "NNPS"} and before.dep_ in {"pobj", "dobj"} and before.ent_type_ not in _PLACES_AND_BODIES:
            return before  # not "decided not to play for the Iranian Chess Federation saying ...": she says it
    return None


def subject_of_participle_main_verb(verb: Token) -> Token | None:
    """Repair: 'Mitsotakis speaking to the Atlantic Council think tank called the border agreement
    "null and void"' parsed with "speaking" as the main verb and "called" hung on "tank": a verb
    with an object of its own cannot modify a noun ("a group called X" has none), so it is the
    sentence's verb, and the participle's subject its subject."""
    if verb.dep_ != "acl" or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    root = verb.sent.root
    if root.tag_ != "VBG" or root.i > verb.i or any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        return None  # "is speaking": the sentence has its own finite verb
    return next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)


def teller_of_participle(verb: Token, depth: int) -> object:
    """Repair: "Clinton told them that she believes ..., saying ...": a participle the parser hung on
    the reported clause is the teller's."""
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp" and verb.head.head.lower_ in CUE_FORMS:
        return _decided(subject_of(verb.head.head, depth + 1))
    return None


def teller_of_coordinated_report(verb: Token, depth: int) -> object:
    """Repair: 'He claimed a vaccine was near and said people are "learning to live"' parsed with
    "said" joined to the reported clause, as if "a vaccine" said it: the teller says it."""
    if depth < 2 and coordinated_in_report(verb):
        return _decided(subject_of(verb.head.head, depth + 1))
    return None


def coordinated_in_report(verb: Token) -> bool:
    """A subjectless speech verb coordinated with a speech verb's reported clause whose subject is no
    person ('claimed a vaccine was near and said ...'): the teller's second report, not the clause's."""
    clause = verb.head
    if verb.dep_ != "conj" or verb.lower_ not in CUE_FORMS or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False
    if clause.dep_ != "ccomp" or clause.head.lower_ not in CUE_FORMS:
        return False
    subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and subject.tag_ in {"NN", "NNS"} and not subject.ent_type_


def object_of_control_verb(verb: Token, depth: int) -> object:
    """"Backlash led Biden to express ...", "urged the minister to say": an infinitive whose head
    verb has an object before it is that object's doing."""
    if verb.dep_ == "xcomp" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return None


def subject_of_head(verb: Token, depth: int) -> object:
    """A coordinated verb, an infinitive or an adverbial clause: the subject of the verb it hangs on."""
    if depth < 2 and verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head is not verb:
        return _decided(subject_of(verb.head, depth + 1))
    return None


def doer_of_preposition(verb: Token, depth: int) -> object:
    """"Obama responded by saying ...", "Oz was criticized for saying ...": who did the saying."""
    if depth < 2 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        head = verb.head.head
        quoted = quoted_as_saying(head)
        if quoted is not None:
            return quoted  # "Politico quoted Tim Manning as saying ...": Manning did the saying
        passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return _decided(subject_of(head, depth + 1) or passive)
    return None


def noun_before_subjectless_verb(verb: Token, depth: int) -> object:
    """Repair: "Reid, the leader, said" parsed with no subject: the noun phrase right before the verb."""
    if depth == 0 and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return _decided(noun_before_finite_verb(verb, past_apposition=True))
    return None


def _decided(token: Token | None) -> object:
    return NOBODY if token is None else token


def trailing_cue_subject(verb: Token, depth: int) -> object:
    """Repair: "..., the Wall Street Journal reported." with the subject hung elsewhere."""
    return subject_left_of_trailing_cue(verb)


def subject_left_of_trailing_cue(verb: Token) -> Token | None:
    """"..., the Wall Street Journal reported." when the parser hung the subject elsewhere.

    A finite cue verb after its clause with no subject of its own takes the noun
    phrase just before it.
    """
    if verb.head.i >= verb.i or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    before = noun_before_finite_verb(verb)
    if before is not None and before.dep_ == "pobj":
        return _holder_of_phrase(before)  # "Protesters marching through the streets chanted"
    return before if before is not None and before.dep_ not in SUBJECT_DEPS else None


def _holder_of_phrase(noun: Token) -> Token | None:
    """The subject of the participle a prepositional phrase hangs on, if any."""
    head = noun.head.head if noun.head.dep_ == "prep" else None
    if head is None or head.tag_ != "VBG":
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.i < head.i else None


def repair_source_in_quote(cue: Cue, in_quote: list[bool]) -> None:
    """'"... Full panic mode," said Leslie Wimes': a subject inside a quote is a misparse.

    The speaker is then the first noun phrase after the cue verb, outside quotes.
    """
    verb = cue.verb
    if cue.source is None:
        if right_after_quote(verb, in_quote):
            cue.source = noun_after(verb, in_quote)  # '"...," said Robert Reich, who ...'
        return
    if not in_quote[cue.source.i]:
        return
    other = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not in_quote[c.i]]
    if other:  # the parser gave the verb two subjects, one of them quoted
        cue.source = other[0]
        return
    cue.source = noun_before_finite_verb(verb, past_apposition=True)
    if cue.source is not None and not in_quote[cue.source.i]:
        return
    cue.source = noun_after(verb, in_quote)


SUBJECT_FINDERS: tuple[Finder, ...] = (
    trailing_cue_subject,
    author_of_handed_document,
    parsed_subject,
    name_before_participle,
    teller_of_participle,
    teller_of_coordinated_report,
    object_of_control_verb,
    subject_of_head,
    doer_of_preposition,
    noun_before_subjectless_verb,
)

# The finders and checks above that mend a slip of the parser rather than read it.
SOURCE_REPAIRS = (
    name_after_reflexive, person_closing_subject, person_before_campus, agent_hung_elsewhere, trailing_cue_subject, name_before_participle,
    teller_of_participle, teller_of_coordinated_report, noun_before_subjectless_verb, subject_of_participle_main_verb,
    repair_source_in_quote,
)
