"""From a parsed article to its statements: cues, their sources and their content.

The steps, each small:
1. quotes: found by their marks (``quotes.find_quotes``);
2. cues: speech verbs outside quotes, with their subject and reported clause;
3. each cue claims the quotes inside its clause: direct when the clause is the
   quote, mixed when the quote is a fragment of it, indirect when there is none;
4. left-over quotes: a cue in the same sentence, the other half of an interrupted
   quote, or the running speaker of the paragraphs before;
5. every speaker mention is resolved to a name (``names.ArticleNames``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .content import QUOTE_MARKS, trim_content
from .cue_table import NOUN_THAT, cue_table, frame_of, frame_preposition, noun_clause
from ..lexicon import ACCORDING_TO, CUE_FORMS, NAMING_FORMS, NOT_NAMES, is_speech_cue
from ..model import RoleSighting, Span, Speaker, Statement
from .names import ArticleNames, Referent, doc_text, mention_span
from .quotes import Paragraph, Quote, find_quotes, paragraphs
from .scorer import statement_scorer

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_COMPLEMENT_DEPS = ("ccomp", "xcomp")
_TRAILING_DEPS = frozenset({"parataxis", "ccomp", "advcl"})
_CONFIDENCE_BY_HOW = {"name": 1.0, "pronoun": 0.9, "role": 0.9, "lead": 0.85, "description": 0.6, "unresolved": 0.6}
_MIN_QUOTE_WORDS = 3  # "scare quotes" of a word or two are not statements
_RUNNING_SPEAKER_REACH = 2  # paragraphs a floating quote may look back for its speaker
_MERGING_TYPES = ("direct", "mixed")
_INTERRUPTION_CHARS = 400  # at most this between the halves of an interrupted quote
_JOINING_CONJUNCTION = re.compile(r",\s*(?P<word>(?:but|and)(?:\s+(?:still|also|then))?)\s*$")  # '..." he said, but "...'
_NOT_CUE_DEPS = frozenset({"amod", "acl"})  # "a man named ...", "the signs asking ..."
_CUE_PREPOSITIONS = {"call": ("for", "on")}  # "called on Congress to act": the preposition is the cue's
_CUE_PREPOSITION_REACH = 3  # "asks him about": at most this many words from verb to preposition
_QUOTE_MARK_CHARS = "".join(QUOTE_MARKS)
_LEAD_ATTRIBUTION_TOKENS = 6  # '"..." Vitter demanded.': the cue opens the next sentence
_COLON_LEAD_WORDS = 6  # 'Former Rep. Jane Harman: "..."': a name or short noun phrase before a colon
_DASH = re.compile(r"[―—–]|--")
_SIGNATURE = re.compile(r"\s*(?P<dash>[―—–]|--)\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\.?\s*")
# Learned cue verbs (see cues.py): thresholds tuned on PolNeAR dev.
_MIN_SEEN = 4
_SPEECH_VERB_FLOOR = 0.3
_OTHER_VERB_THRESHOLD = 0.1
QUOTE_HOLDING_CANDIDATES = True
NOUN_CUES = True
_NOUNS_TAKING_THAT = frozenset("fact idea claim news notion belief hope view message story report evidence sense".split())
_NOUN_CUE_THRESHOLD = 0.3  # a noun with a "that" clause is a cue candidate from this learned rate
# "X seemed to Y", "X is expected to Y": the verb cites nobody (see _raising_cue)
_RAISING_VERBS = frozenset("seem seems seemed appear appears appeared".split())
_RAISING_PASSIVES = frozenset({"expected"})
_QUOTE_HOLDING_FRAMES = frozenset({"dobj", "xcomp", "ccomp"})
# "banned waterboarding (when he took office)", "endorsed Clinton (on Monday)": a clause or time
# phrase on the verb is not what its object reports; a prepositional phrase often is.
_NOT_CONTENT_AFTER_OBJECT = frozenset({"punct", "cc", "conj", "prt", "advcl", "npadvmod", "parataxis", "dep"})
_NOT_CONTENT_AFTER_INFINITIVE = _NOT_CONTENT_AFTER_OBJECT | {"prep", "advmod"}
_NOT_CONTENT_AFTER_NAMING = _NOT_CONTENT_AFTER_OBJECT - {"dep"}  # 'called both X and Y "crazy"': "both" hangs as dep
_SPEAKER_LABEL = re.compile(r"[\"“]?(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})(?P<colon>:)[ \t]+(?P<content>\S)")
_NOT_SPEAKER_LABELS = frozenset(
    "update note editor's note editor’s note watch read more related photos video correction clarification "
    "breaking exclusive advertisement warning spoiler alert spoiler".split(" ")
) | {"editor's note", "editor’s note", "read more", "spoiler alert"}
_SIGNATURE_MARKS = "―—–-: "
_NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})  # what a speaker can be
_TIME_WORDS = NOT_NAMES | {"morning", "afternoon", "evening", "night", "week", "month", "year"}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


@dataclass
class _Cue:
    tokens: list[Token]  # the cue's words, in order
    source: Token | None
    content: list[int]  # token indices of the reported clause, possibly discontinuous
    verb: Token | None = None  # the word the parse hangs everything on; default: the last
    by_preposition: bool = False  # content is a preposition's object ("complained about X")

    def __post_init__(self) -> None:
        if self.verb is None:
            self.verb = self.tokens[-1]


@dataclass
class _Draft:
    """A statement under construction; becomes a ``Statement`` at the end."""

    type: str
    spans: list[tuple[int, int]]
    cue: _Cue | None
    quotes: list[Quote] = field(default_factory=list)
    speaker: Speaker | None = None
    how: str = "unresolved"
    base_confidence: float = 0.9


def find_statements(doc: Doc, body_start: int = 0, learned_check: bool = True) -> list[Statement]:
    """Every statement in a parsed article, in text order."""
    return find_statements_and_roles(doc, body_start, learned_check)[0]


def find_statements_and_roles(
    doc: Doc, body_start: int = 0, learned_check: bool = True
) -> tuple[list[Statement], list[RoleSighting]]:
    """The statements of a parsed article, and the roles it gives its people ("London mayor").

    The rules' statements go through the learned scorer (``scorer.py``) unless
    ``learned_check`` is false (as when training it).
    """
    text = doc_text(doc)
    paras = paragraphs(text, body_start)
    headline_end = _headline_end(text, paras)
    body = [p for p in paras if p.start >= headline_end]
    quotes = find_quotes(text, body)
    in_quote = _quote_token_mask(doc, quotes)
    claimed: dict[int, _Draft] = {}  # quote index -> the draft that holds it
    signed = _drafts_from_signed_paragraphs(doc, body, quotes, claimed, in_quote)
    names = ArticleNames.build(doc, body_start, headline_end)
    cues, spare, candidates = _find_cues(doc, in_quote, headline_end)
    drafts = signed + _drafts_from_speaker_labels(doc, body, quotes, claimed, names)
    trailing = _drafts_from_trailing_attributions(doc, quotes, claimed, in_quote)
    taken = {d.cue.verb.i for d in trailing if d.cue is not None}
    cues = [c for c in cues if c.verb.i not in taken]  # "told ABC News": the quote, not the object
    spare = [c for c in spare if c.verb.i not in taken]
    drafts += trailing
    drafts += _drafts_from_cues(doc, cues, quotes, claimed)
    drafts += _drafts_from_signatures(doc, quotes, claimed, body)
    drafts += _drafts_from_nearby_cues(doc, cues + spare, quotes, claimed, drafts)
    drafts += _drafts_from_colon_leads(doc, quotes, claimed, in_quote)
    drafts += _drafts_from_cues(doc, _holding_unclaimed(doc, candidates, quotes, claimed), quotes, claimed)
    _merge_interrupted_quotes(doc, quotes, claimed)
    drafts.sort(key=lambda d: d.spans[0][0])
    _resolve_speakers(doc, drafts, names)
    drafts += _drafts_from_running_speaker(text, quotes, claimed, drafts, body)
    drafts.sort(key=lambda d: d.spans[0][0])
    roles = [RoleSighting(name, role) for name, role in names.role_sightings()]
    statements = [_finish(text, d) for d in drafts]
    scorer = statement_scorer() if learned_check else None
    return (scorer.keep(statements, doc) if scorer is not None else statements), roles


# -- 1. the text's shape --------------------------------------------------------------
def _headline_end(text: str, paras: list[Paragraph]) -> int:
    """Where the headline (a first line with no closing punctuation) ends, or 0."""
    if not paras:
        return 0
    first = paras[0]
    line = text[first.start:first.end]
    if len(paras) > 1 and line and line[-1] not in ".!?\"”’)" and len(line.split()) <= 25:
        return first.end
    return 0


def _quote_token_mask(doc: Doc, quotes: list[Quote]) -> list[bool]:
    mask = [False] * len(doc)
    ranges = [(q.open_mark, q.outer_end) for q in quotes]
    r = 0
    for token in doc:
        while r < len(ranges) and ranges[r][1] <= token.idx:
            r += 1
        if r < len(ranges) and ranges[r][0] <= token.idx < ranges[r][1]:
            mask[token.i] = True
    return mask


# -- 2. cues ----------------------------------------------------------------------
def _find_cues(doc: Doc, in_quote: list[bool], body_start: int) -> tuple[list[_Cue], list[_Cue], list[_Cue]]:
    """Cues with a reported clause; speech verbs with a speaker but no clause of their
    own (spare: they may still claim a quote near them); and other verbs whose object or
    complement holds a quote (candidates: they claim only quotes nothing else wants)."""
    cues: list[_Cue] = []
    spare: list[_Cue] = []
    candidates: list[_Cue] = []
    for token in doc:
        if token.idx < body_start or in_quote[token.i]:
            continue
        cue = None
        if token.lower_ == ACCORDING_TO[0] and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == ACCORDING_TO[1]:
            cue = _according_to_cue(doc, token)
        elif token.tag_.startswith("VB") and (naming := _naming_cue(token, in_quote, complement_only=True)) is not None:
            cue = naming  # 'called her "third-rate"', before "called" can be read as a cue with no clause
        elif token.tag_.startswith("VB") and token.dep_ not in _NOT_CUE_DEPS:
            frame = frame_of(token)
            if _is_cue_verb(token, frame):
                cue = _verb_cue(token, frame)
            elif (naming := _naming_cue(token, in_quote)) is not None:
                if token.lower_ in NAMING_FORMS or token.lower_ in CUE_FORMS:
                    cue = naming
                else:  # 'served as "chief of staff"': the learned check decides
                    candidates.append(naming)
            elif QUOTE_HOLDING_CANDIDATES and (held := _quote_holding_cue(token, frame, in_quote)) is not None:
                candidates.append(held)
        elif NOUN_CUES and (clause := noun_clause(token)) is not None:
            cue = _noun_cue(token, clause)
        if cue is not None and cue.by_preposition and any(in_quote[t.i] for t in cue.verb.sent):
            cue = None  # '"We will win," Khan said of the vote': the quote is the content
        if cue is not None and cue.content:
            _repair_source_in_quote(cue, in_quote)
            cues.append(cue)
        elif token.tag_.startswith("VB") and token.lower_ in CUE_FORMS:
            lone = _Cue(_cue_phrase(token), _subject_of(token), [], token)
            _repair_source_in_quote(lone, in_quote)
            if lone.source is not None:
                spare.append(lone)
    return cues, spare, candidates


def _noun_cue(noun: Token, clause: Token) -> _Cue | None:
    """"Trump's claim that ...", "his assertion that ...": a noun that PolNeAR's annotators often
    marked as a cue when it takes a "that" clause (learned like the verbs, ``cues.NOUN_THAT``).
    The content starts at "that"; the source is the noun's possessor, its "by" agent, or the
    subject of the verb it is the object of ("Trump made the claim that ...")."""
    rate = cue_table().precision(noun.lower_, NOUN_THAT, min_seen=_MIN_SEEN)
    if rate is None or rate < _NOUN_CUE_THRESHOLD:
        return None
    content = [noun.i + 1] + [t.i for t in clause.subtree if t.i > noun.i + 1]
    return _Cue([noun], _holder_of_noun(noun), trim_content(noun.doc, content), noun)


def _holder_of_noun(noun: Token) -> Token | None:
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if agent is not None:
        return agent
    if noun.dep_ == "dobj" and noun.head.tag_.startswith("VB"):
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return None


def _naming_cue(verb: Token, in_quote: list[bool], complement_only: bool = False) -> _Cue | None:
    """'called her "third-rate"', 'pounded Trump as a "con artist"', 'is known as the "JASTA"':
    a verb that names or characterises something in quoted words reports them: a naming verb
    (``lexicon.NAMING_VERBS``) with an object complement, or any verb with "as" (a candidate for
    the learned check unless it is a speech or naming verb).

    The content is the object and the quoted complement, as PolNeAR marks them.
    """
    complement = next((c for c in verb.rights if c.dep_ == "oprd"), None) if verb.lower_ in NAMING_FORMS else None
    if complement is None and not complement_only:
        complement = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    if complement is None or not any(in_quote[t.i] for t in complement.subtree):
        return None
    if complement.dep_ == "oprd":  # what follows the verb, as for an object: 'called it "X" in May'
        content = sorted(t.i for c in verb.rights if c.dep_ not in _NOT_CONTENT_AFTER_NAMING for t in c.subtree)
    else:
        objects = [c for c in verb.rights if c.dep_ == "dobj" and c.i < complement.i]
        content = sorted(t.i for c in objects + [complement] for t in c.subtree)
    source = _namer_of_participle(verb) if verb.dep_ == "acl" else _subject_of(verb)
    cue = _Cue(_cue_phrase(verb), source, trim_content(verb.doc, content), verb)
    _repair_source_in_quote(cue, in_quote)
    return cue


def _namer_of_participle(verb: Token) -> Token | None:
    """'Beruff, a Scott ally, called X "strong."' parsed as a participle on "ally": the person named
    before the comma; 'a group called the "We The People Foundation"' names nobody."""
    if verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    head = verb.head
    while head.dep_ == "appos" and head.head.i < head.i:
        head = head.head
    return head if head.tag_ in _NOMINAL_TAGS else None


def _quote_holding_cue(verb: Token, frame: str, in_quote: list[bool]) -> _Cue | None:
    """'lauded the plan as "a big step"', 'branded it "a disgrace"': a verb the cue table does not
    count as a cue, but whose object or complement holds a quote, with a subject of its own.

    Only a candidate: the learned check (``scorer.py``) keeps the ones like PolNeAR's.
    """
    if frame not in _QUOTE_HOLDING_FRAMES:
        return None
    cue = _verb_cue(verb, frame)
    if cue is None or cue.source is None or not any(in_quote[i] for i in cue.content):
        return None
    _repair_source_in_quote(cue, in_quote)
    return cue


def _holding_unclaimed(doc: Doc, cues: list[_Cue], quotes: list[Quote], claimed: dict[int, _Draft]) -> list[_Cue]:
    """The candidate cues whose content still holds a quote no other cue has claimed."""
    free = [q for i, q in enumerate(quotes) if i not in claimed]
    return [
        c for c in cues
        if any(q.open_mark < _token_end(doc[c.content[-1]]) and q.outer_end > doc[c.content[0]].idx for q in free)
    ]


def _repair_source_in_quote(cue: _Cue, in_quote: list[bool]) -> None:
    """'"... Full panic mode," said Leslie Wimes': a subject inside a quote is a misparse.

    The speaker is then the first noun phrase after the cue verb, outside quotes.
    """
    verb = cue.verb
    if cue.source is None:
        if _right_after_quote(verb, in_quote):
            cue.source = _noun_after(verb, in_quote)  # '"...," said Robert Reich, who ...'
        return
    if not in_quote[cue.source.i]:
        return
    other = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not in_quote[c.i]]
    if other:  # the parser gave the verb two subjects, one of them quoted
        cue.source = other[0]
        return
    cue.source = _noun_before_finite_verb(verb, past_apposition=True)
    if cue.source is not None and not in_quote[cue.source.i]:
        return
    cue.source = _noun_after(verb, in_quote)


def _right_after_quote(verb: Token, in_quote: list[bool]) -> bool:
    """'"...," said X': only punctuation between the quote's closing mark and the verb."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct and not in_quote[i]:
        i -= 1
    return i >= 0 and in_quote[i]


def _noun_after(verb: Token, in_quote: list[bool]) -> Token | None:
    """The first noun phrase after the verb, outside quotes, by its head."""
    for token in verb.doc[verb.i + 1:verb.sent.end]:
        if in_quote[token.i] or token.is_punct:
            return None
        if token.tag_ in _NOMINAL_TAGS and token.lower_ not in _TIME_WORDS:
            return _head_noun(token)
    return None


def _according_to_cue(doc: Doc, according: Token) -> _Cue | None:
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase = set(t.i for t in according.subtree) | {according.i, to.i}
    if source is not None:
        phrase |= {t.i for t in source.subtree}
    sentence = according.sent
    content = [t.i for t in sentence if t.i not in phrase]
    return _Cue([according, to], source, trim_content(doc, content))


def _cue_phrase(verb: Token, preposition: Token | None = None) -> list[Token]:
    """The cue's words: "has also said", "is demanding", "called for", "said Friday".

    PolNeAR's cues, like a reader's, include the verb's auxiliaries and what sits
    between them, a particle, a weekday right after it, and the preposition that
    takes the content ("complained about", "asks him about").
    """
    doc = verb.doc
    auxiliaries = [c for c in verb.lefts if c.dep_ in {"aux", "auxpass", "neg"}]
    start = min((a.i for a in auxiliaries), default=verb.i)
    if any(not (doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"} and doc[i].head == verb) for i in range(start, verb.i)):
        start = verb.i
    end = verb.i
    for child in verb.rights:
        if child.i != end + 1:
            break
        if child.dep_ == "prt" or (child.dep_ == "npadvmod" and child.lower_ in _WEEKDAYS):
            end = child.i
        elif child.dep_ == "prep" and child.lower_ in _CUE_PREPOSITIONS.get(CUE_FORMS.get(verb.lower_, ""), ()):
            end = child.i
        else:
            break
    if preposition is not None and preposition.i - end <= _CUE_PREPOSITION_REACH:
        end = preposition.i
    if end + 1 < len(doc) and doc[end + 1].text == ":":
        end += 1  # "said:" before a quote
    return list(doc[start:end + 1])


def _is_cue_verb(verb: Token, frame: str) -> bool:
    """A speech verb unless its frame is rarely a cue; another verb if its frame often is.

    The rates come from PolNeAR's train split (``cues.cue_table``): "found that ..."
    is a cue far more often than not, "said" with only an object ("said a prayer") is not.
    """
    rate = cue_table().precision(verb.lower_, frame, min_seen=_MIN_SEEN)
    if verb.lower_ in CUE_FORMS and frame != "dobj":
        return rate is None or rate >= _SPEECH_VERB_FLOOR
    # An object is what most verbs take: only the pairs the annotators often marked count.
    return rate is not None and rate >= _OTHER_VERB_THRESHOLD


def _verb_cue(verb: Token, frame: str) -> _Cue | None:
    raised = _raising_cue(verb)
    if raised is not None:
        return raised
    source = _subject_of(verb)
    complement = _complement_of(verb)
    if complement is not None and (frame == "ccomp" or verb.lower_ in CUE_FORMS):
        content = _clause_without_other_reports(complement)
        if complement.dep_ == "xcomp":  # "urged supporters to monitor the polls": the object too
            content += [t.i for c in verb.children if c.dep_ == "dobj" and c.i < complement.i for t in c.subtree]
    elif frame == "dobj" and verb.lower_ in CUE_FORMS and (that := _that_clause_after_object(verb)) is not None:
        # "told one of his protegés on a regular basis that ...": the parser hung the clause on a noun
        content = [that.i] + [t.i for t in that.head.subtree if t.i > that.i]
    elif frame in {"xcomp", "dobj"}:
        # "endorsed Clinton for president", "declined to comment": what follows the verb.
        left_out = _NOT_CONTENT_AFTER_OBJECT if frame == "dobj" else _NOT_CONTENT_AFTER_INFINITIVE
        content = [t.i for c in verb.rights if c.dep_ not in left_out for t in c.subtree]
    elif frame.startswith("prep:") and not _trails_its_clause(verb):
        # "complained about his mic": the preposition's object.
        preposition = frame_preposition(verb)
        content = [t.i for c in preposition.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
        phrase = _cue_phrase(verb, preposition)
        return _Cue(phrase, source, trim_content(verb.doc, content), verb, by_preposition=True)
    elif _trails_its_clause(verb) and source is not None:
        # "The plan is dead, he said." The cue hangs off the reported clause.
        inside = {t.i for t in verb.subtree} | {t.i for t in source.subtree}
        content = [t.i for t in verb.head.subtree if t.i not in inside]
    else:
        return _Cue(_cue_phrase(verb), source, [], verb)
    phrase = _cue_phrase(verb)
    words = {t.i for t in phrase}
    return _Cue(phrase, source, trim_content(verb.doc, [i for i in content if i not in words]), verb)


def _that_clause_after_object(verb: Token) -> Token | None:
    """The "that" opening a clause the parser hung on a noun after the verb ('told X on a regular
    basis that ...'), unless the noun is one that takes such a clause itself ("the fact that")."""
    for token in verb.subtree:
        if token.i > verb.i and token.lower_ == "that" and token.dep_ == "mark" and token.head.dep_ in {"acl", "ccomp"}:
            clause = token.head
            if clause.head.tag_ in {"NN", "NNS"} and clause.head.lower_ not in _NOUNS_TAKING_THAT:
                return token
    return None


def _complement_of(verb: Token) -> Token | None:
    """The verb's reported clause: the one after it when the parser gave it two
    ("While he acknowledged ..., Ham noted several ... left him": the first is a misparse)."""
    complements = [c for c in verb.children if c.dep_ in _COMPLEMENT_DEPS]
    before = [c for c in complements if c.i < verb.i]
    if before and _opens_with_quote_mark(before[0]):
        return before[0]  # '"It's over," she said of the race, in which ...': the quote is what she said
    after = [c for c in complements if c.i > verb.i and not _relative_clause(c)]
    if not complements and verb.lower_ in CUE_FORMS:
        # "Trump tweeted in the early hours that Machado was ...", "that" parsed as an adverb
        after = [c for c in verb.rights if c.dep_ == "advcl" and c.left_edge.lower_ == "that"]
    return after[0] if after else (complements[0] if complements else None)


def _clause_without_other_reports(clause: Token) -> list[int]:
    """The clause's words, less a coordinated clause that reports someone else's speech with a
    subject of its own ("She said X, and when pressed, the mother of three replied, ...")."""
    left_out = set()
    for conj in clause.children:
        if conj.dep_ == "conj" and conj.lower_ in CUE_FORMS and any(c.dep_ == "nsubj" for c in conj.children):
            cc = [c.i for c in clause.children if c.dep_ in {"cc", "punct"} and c.i < conj.left_edge.i]
            first = max([i for i in cc if i > clause.i], default=conj.left_edge.i)
            left_out |= {t.i for t in conj.subtree} | set(range(first, conj.left_edge.i))
    return [t.i for t in clause.subtree if t.i not in left_out]


def _opens_with_quote_mark(clause: Token) -> bool:
    edge = clause.left_edge
    return edge.text in QUOTE_MARKS or (edge.i > 0 and edge.nbor(-1).text in QUOTE_MARKS)


def _relative_clause(verb: Token) -> bool:
    """'..., said Robert Reich, who chairs it': a relative clause the parser took for a complement."""
    return any(c.dep_ in _SUBJECT_DEPS and c.tag_ in {"WP", "WDT"} for c in verb.children)


def _raising_cue(verb: Token) -> _Cue | None:
    """"Trump seemed to waver", "The plan appears dead", "She is expected to win": nobody is
    cited; PolNeAR's content is the subject and the complement (two fragments), with no source."""
    passive = verb.lower_ in _RAISING_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children)
    if verb.lower_ not in _RAISING_VERBS and not passive:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    complement = next((c for c in verb.rights if c.dep_ in {"xcomp", "acomp"}), None)
    if subject is None or complement is None or (passive and complement.dep_ != "xcomp"):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None  # "is expected by analysts to ...": someone is cited
    content = [t.i for t in subject.subtree] + [t.i for t in complement.subtree]
    return _Cue(_cue_phrase(verb), None, trim_content(verb.doc, content), verb)


def _trails_its_clause(verb: Token) -> bool:
    """A finite cue set in the clause it reports: after it ("The plan is dead, he said.",
    not "..., protesting it") or between commas inside it ("The museum, he said, will open")."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.dep_ not in _TRAILING_DEPS or verb.head.sent != verb.sent:
        return False
    return verb.head.i < verb.i or _between_commas(verb)


def _between_commas(verb: Token) -> bool:
    words = [t.i for t in verb.subtree if not t.is_punct]  # the parser may hang the commas on the cue
    first, last, doc = words[0], words[-1], verb.doc
    before = first - 1
    while before > 0 and doc[before].text in QUOTE_MARKS:
        before -= 1  # '"That," he added, "promises ..."'
    return before >= 0 and doc[before].text == "," and last + 1 < len(doc) and doc[last + 1].text == ","


def _subject_of(verb: Token, depth: int = 0) -> Token | None:
    misparsed = _subject_left_of_trailing_cue(verb)
    if misparsed is not None:
        return misparsed
    for child in verb.children:
        if child.dep_ == "nsubj" and not child.is_punct:
            return child
        if child.dep_ == "nsubjpass":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if verb.tag_ == "VBG" and verb.i > 0 and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        before = verb.nbor(-1)
        if before.tag_ in {"NNP", "NNPS"} and before.dep_ in {"pobj", "dobj"}:
            return before  # "footage of Hillary Clinton asking, ...": the name right before does it
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp" and verb.head.head.lower_ in CUE_FORMS:
        # "Clinton told them that she believes ..., saying ...": the one who told is the one saying
        return _subject_of(verb.head.head, depth + 1)
    if depth < 2 and verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head is not verb:
        return _subject_of(verb.head, depth + 1)
    if depth < 2 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        # "Obama responded by saying ...", "Oz was criticized for saying ...": who did the saying
        head = verb.head.head
        passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return _subject_of(head, depth + 1) or passive
    if depth == 0 and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return _noun_before_finite_verb(verb, past_apposition=True)  # "Reid, the leader, said" misparsed
    return None


def _subject_left_of_trailing_cue(verb: Token) -> Token | None:
    """"..., the Wall Street Journal reported." when the parser hung the subject elsewhere.

    A finite cue verb after its clause with no subject of its own takes the noun
    phrase just before it.
    """
    if verb.head.i >= verb.i or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    before = _noun_before_finite_verb(verb)
    if before is not None and before.dep_ == "pobj":
        return _holder_of_phrase(before)  # "Protesters marching through the streets chanted"
    return before if before is not None and before.dep_ not in _SUBJECT_DEPS else None


def _holder_of_phrase(noun: Token) -> Token | None:
    """The subject of the participle a prepositional phrase hangs on, if any."""
    head = noun.head.head if noun.head.dep_ == "prep" else None
    if head is None or head.tag_ != "VBG":
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.i < head.i else None


def _noun_before_finite_verb(verb: Token, past_apposition: bool = False) -> Token | None:
    """The noun right before a finite verb, past a bracketed party ("Rep. Gwen Moore (D-Wis.)
    said") and, if asked, back over an apposition ("Flynn, a top Trump surrogate, said")."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == 0:
        return None
    before = verb.nbor(-1)
    if before.text == ")" and before.i > 0:
        opening = next((t for t in reversed(verb.doc[max(0, before.i - 8):before.i]) if t.text == "("), None)
        before = opening.nbor(-1) if opening is not None and opening.i > 0 else before
    if past_apposition and before.text == "," and before.i > 0:
        before = before.nbor(-1)
        while before.dep_ == "appos" and before.head.i < before.i:
            before = before.head
    return before if before.tag_ in _NOMINAL_TAGS else None


# -- 3a. transcripts: "PENCE: Well, look, ..." ---------------------------------------
def _drafts_from_speaker_labels(
    doc: Doc, paras: list[Paragraph], quotes: list[Quote], claimed: dict[int, _Draft], names: ArticleNames
) -> list[_Draft]:
    """A paragraph opened by a speaker's name in capitals and a colon is that speaker's turn."""
    text = doc_text(doc)
    found = []
    for para in paras:
        match = _SPEAKER_LABEL.match(text, para.start, para.end)
        if not match or match.group("label").lower() in _NOT_SPEAKER_LABELS:
            continue
        label, colon = match.span("label"), match.start("colon")
        label_text = text[label[0]:label[1]]
        colon_token = doc.char_span(colon, colon + 1)
        if colon_token is None:
            continue
        name = names.canonical(label_text.title(), label[0])
        draft = _Draft("direct", [(match.start("content"), para.end)], _Cue(list(colon_token), None, []),
                       base_confidence=0.9)
        draft.speaker = Speaker(Span(label_text, *label), name, "person")
        draft.how = "name"
        for i, quote in enumerate(quotes):
            if para.start <= quote.open_mark < para.end:
                claimed[i] = draft
        found.append(draft)
    return found


# -- 3b. '"...," the two write.' -----------------------------------------------------
_TRAILING_QUOTE_ENDS = ",?!"  # '"We will win," she said' but not '"We will win." She said ...'
_NOUN_PHRASE_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "CD", "POS", "HYPH", "RB"})
_TRAILING_REACH = 10  # at most this many words from the closing mark to the verb


def _drafts_from_trailing_attributions(
    doc: Doc, quotes: list[Quote], claimed: dict[int, _Draft], in_quote: list[bool]
) -> list[_Draft]:
    """'"We will win," the two write.', '"Why?" Trump asked reporters.', '"No," replied Smith.'

    A quote that opens its sentence and closes on a comma, question or exclamation mark,
    followed by a short clause of a noun phrase and a verb (either order), is that
    clause's statement, whatever the verb: the position says it is the attribution.
    """
    text = doc_text(doc)
    found = []
    for i, quote in enumerate(quotes):
        if i in claimed or quote.close_mark is None or not _opens_sentence(text, quote):
            continue
        closing = text[quote.start:quote.close_mark].rstrip(_QUOTE_MARK_CHARS + " ")[-1:]  # before '' too
        if closing not in _TRAILING_QUOTE_ENDS:
            continue
        verb, source = _trailing_verb(doc, quote, in_quote)
        if verb is None or source is None:
            continue
        if closing in "?!" and verb.lower_ not in CUE_FORMS:
            continue  # '"Why not?" The crowd applauded.': after a question, only a speech verb
        cue = _Cue(_cue_phrase(verb), source, [], verb)
        found.append(_claim_quote(claimed, i, quote, cue, 0.9))
    return found


def _claim_quote(claimed: dict[int, _Draft], i: int, quote: Quote, cue: _Cue | None, confidence: float) -> _Draft:
    """A direct statement of one quote, which from now on that statement holds."""
    draft = _Draft("direct", [quote.outer_span], cue, quotes=[quote], base_confidence=confidence)
    claimed[i] = draft
    return draft


def _opens_sentence(text: str, quote: Quote) -> bool:
    """Whether a quote starts its paragraph or follows the end of a sentence."""
    before = text[:quote.open_mark].rstrip(" \t")
    return not before or before[-1] in "\n.?!:”\"’'"


def _trailing_verb(doc: Doc, quote: Quote, in_quote: list[bool]) -> tuple[Token | None, Token | None]:
    """The verb of the attribution right after a quote's closing mark, and its speaker."""
    first = next((t for t in doc[_token_index_at(doc, quote.outer_end):] if t.idx >= quote.outer_end), None)
    words = [t for t in doc[first.i:first.i + 2 * _TRAILING_REACH] if not t.is_space][:_TRAILING_REACH] if first else []
    text = doc_text(doc)
    for k, token in enumerate(words):
        if in_quote[token.i] or "\n" in text[quote.outer_end:token.idx]:
            break  # the next paragraph is not the attribution
        if _verb_like(token):
            if any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
                break  # '"Why not?" Critics say the plan will fail.': a sentence of its own
            phrase = words[:k]
            if not phrase:  # '"No," replied Smith'
                return token, _noun_after(token, in_quote)
            if all(t.tag_ in _NOUN_PHRASE_TAGS or t.text == "," for t in phrase):
                nouns = [t for t in phrase if t.tag_ in _NOMINAL_TAGS | {"CD"}]
                subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS and c in phrase), None)
                return token, subject or (_head_noun(nouns[0]) if nouns else None)
            break
        if token.tag_ not in _NOUN_PHRASE_TAGS and token.text != ",":
            break
    return None, None


def _verb_like(token: Token) -> bool:
    """A finite verb, or a speech verb's form the tagger took for a noun ("the two write")."""
    if token.lower_ in _NOT_ATTRIBUTION_VERBS:
        return False
    return token.tag_ in {"VBD", "VBZ", "VBP"} or (token.lower_ in CUE_FORMS and token.tag_ != "VBG" and token.text.islower())


_NOT_ATTRIBUTION_VERBS = frozenset("do does did has have had".split())


def _head_noun(token: Token) -> Token:
    """The noun a modifier or a name's first part hangs on: "another New Hampshire Democrat"."""
    while token.dep_ in {"compound", "amod", "det", "poss", "nmod", "nummod"} and token.head.i > token.i:
        token = token.head
    return token


# -- 3c. cues claim quotes -------------------------------------------------------------
def _drafts_from_cues(doc: Doc, cues: list[_Cue], quotes: list[Quote], claimed: dict[int, _Draft]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for cue in cues:
        start, end = doc[cue.content[0]].idx, _token_end(doc[cue.content[-1]])
        inside = [i for i, q in enumerate(quotes) if q.open_mark < end and q.outer_end > start and i not in claimed]
        leading = _quote_led_by_cue(doc, cue, quotes, claimed)
        if leading is not None and not inside:
            inside, cue.content = [leading], []
        if not inside:
            if _word_count(doc, cue.content) >= 2:
                drafts.append(_Draft("indirect", _token_spans(doc, cue.content), cue, base_confidence=0.85))
            continue
        outside = _words_outside_quotes(doc, cue.content, [quotes[i] for i in inside])
        if outside <= 1:
            draft = _Draft("direct", [], cue, base_confidence=0.95)
            for i in inside:
                draft.spans.append(quotes[i].outer_span)
            that = _leading_that(doc, cue.content, quotes[inside[0]])
            if that is not None:  # 'said that "..."': the clause starts at "that"
                draft.spans[0] = (that.idx, draft.spans[0][1])
        else:
            covered = set(cue.content)
            for i in inside:
                covered |= _tokens_in(doc, quotes[i].open_mark, quotes[i].outer_end)
            draft = _Draft("mixed", _token_spans(doc, sorted(covered)), cue, base_confidence=0.9)
        draft.quotes = [quotes[i] for i in inside]
        for i in inside:
            claimed[i] = draft
        drafts.append(draft)
    return drafts


def _leading_that(doc: Doc, content: list[int], quote: Quote) -> Token | None:
    """The complementiser right before a quote that is the whole clause, if any."""
    words = [doc[i] for i in content if not doc[i].is_space and doc[i].idx < quote.open_mark]
    if len(words) == 1 and words[0].lower_ == "that":
        return words[0]
    return None


def _quote_led_by_cue(doc: Doc, cue: _Cue, quotes: list[Quote], claimed: dict[int, _Draft]) -> int | None:
    """'X told the press in an interview, "..."': a quote right after the cue's own words.

    Everything between the cue and the opening mark must belong to the cue's phrase
    (its object, a prepositional phrase) and end with a comma or colon; the parser
    may still have hung a later clause on the cue as its complement.
    """
    verb = cue.verb
    phrase = {t.i for t in verb.subtree}
    for i, quote in enumerate(quotes):
        if i in claimed or quote.open_mark <= verb.idx:
            continue
        gap = doc_text(doc)[_token_end(verb):quote.open_mark]
        if len(gap) > 80 or not gap.rstrip().endswith((",", ":")):
            return None
        if "\n" in gap and gap.strip() != ":":  # a colon may end the paragraph before a quote
            return None
            return None
        between = []
        for token in doc[verb.i + 1:]:
            if token.idx >= quote.open_mark:
                break
            if not token.is_space:
                between.append(token)
        if all(t.is_punct or (t.i in phrase and t.dep_ not in _COMPLEMENT_DEPS) for t in between):
            return i
        return None
    return None


def _drafts_from_nearby_cues(
    doc: Doc, cues: list[_Cue], quotes: list[Quote], claimed: dict[int, _Draft], drafts: list[_Draft]
) -> list[_Draft]:
    """A quote with an unused cue in its own sentence or the one right after it.

    '"We will win," Khan said of the vote.' and '"Why not?" Vitter demanded.'
    (which the parser splits after the question mark).
    """
    used = {id(d.cue) for d in drafts if d.cue is not None}
    spare = [c for c in cues if id(c) not in used]
    found = []
    text = doc_text(doc)
    for i, quote in enumerate(quotes):
        if i in claimed or (quote.words(text) < _MIN_QUOTE_WORDS and not _is_exclamation(text, quote)):
            continue
        for cue in spare:
            if id(cue) in used or not _cue_near_quote(doc, cue, quote):
                continue
            found.append(_claim_quote(claimed, i, quote, cue, 0.85))
            used.add(id(cue))
            break
    return found


def _drafts_from_colon_leads(doc: Doc, quotes: list[Quote], claimed: dict[int, _Draft], in_quote: list[bool]) -> list[_Draft]:
    """'Rubio fired back: "If they sue us, they lose."' and 'Clinton: "Our goal is ..."'.

    A quote right after a colon (in its paragraph, or opening the next one) belongs to what
    leads to the colon: its verb is the cue, whatever the verb, and its subject the source;
    a short noun phrase alone before the colon is the source itself, the colon the cue.
    """
    text = doc_text(doc)
    found = []
    for i, quote in enumerate(quotes):
        if i in claimed or quote.words(text) < _MIN_QUOTE_WORDS:
            continue
        at = quote.open_mark
        while at > 0 and text[at - 1].isspace():
            at -= 1
        if at == 0 or text[at - 1] != ":" or text[at:quote.open_mark].count("\n") > 2:
            continue
        colon = doc.char_span(at - 1, at)
        if colon is None or in_quote[colon[0].i]:
            continue
        cue = _colon_lead_cue(doc, colon[0], in_quote)
        if cue is None:
            continue
        found.append(_claim_quote(claimed, i, quote, cue, 0.8))
    return found


def _colon_lead_cue(doc: Doc, colon: Token, in_quote: list[bool]) -> _Cue | None:
    """The cue of the words between the sentence start and a colon: a verb with a subject, or a
    noun phrase of a few words opening its paragraph."""
    lead = [t for t in doc[colon.sent.start:colon.i] if not t.is_space]
    if not lead or any(in_quote[t.i] for t in lead):
        return None
    verbs = [t for t in lead if t.tag_ in {"VBD", "VBZ", "VBP"} and t.lower_ not in _NOT_ATTRIBUTION_VERBS]
    if verbs:
        verb = verbs[-1]
        source = _subject_of(verb)
        if source is None or source.i > verb.i:
            return None
        phrase = _cue_phrase(verb)
        between = doc[phrase[-1].i + 1:colon.i]
        if all(t.tag_ in {"RB", "RBR", "RP"} for t in between):  # "fired back forcefully:"
            phrase = list(doc[phrase[0].i:colon.i + 1])
        return _Cue(phrase, source, [], verb)
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, lead[0].idx) + 1
    opens_paragraph = not text[line_start:lead[0].idx].strip()
    if not opens_paragraph or len(lead) > _COLON_LEAD_WORDS or not all(t.tag_ in _NOUN_PHRASE_TAGS for t in lead):
        return None
    if not any(t.tag_ in {"NNP", "NNPS"} for t in lead) and lead[0].lower_ != "the":
        return None
    return _Cue([colon], _head_noun(lead[-1]), [], colon)


def _is_exclamation(text: str, quote: Quote) -> bool:
    """'"You winning?" she said': a short question or exclamation is speech, not a scare quote."""
    return text[quote.open_mark:quote.outer_end].rstrip(_QUOTE_MARK_CHARS).endswith(("?", "!"))


def _cue_near_quote(doc: Doc, cue: _Cue, quote: Quote) -> bool:
    sent = cue.verb.sent
    if sent.start_char < quote.outer_end and sent.end_char > quote.open_mark:
        return True
    text = doc_text(doc)
    if cue.tokens[-1].text == ":" and quote.open_mark >= cue.tokens[-1].idx:
        # "The New York Times reports:" closing its paragraph, the quote opening the next.
        if not text[cue.tokens[-1].idx + 1:quote.open_mark].strip():
            return True
    # The sentence right after the quote, in the same paragraph, led by its attribution.
    gap = text[quote.outer_end:sent.start_char]
    return (
        sent.start_char >= quote.outer_end and not gap.strip() and "\n" not in gap
        and cue.verb.i - sent.start <= _LEAD_ATTRIBUTION_TOKENS
    )


def _drafts_from_signed_paragraphs(
    doc: Doc, paras: list[Paragraph], quotes: list[Quote], claimed: dict[int, _Draft], in_quote: list[bool]
) -> list[_Draft]:
    """'“As a young woman, I’d rather live in what he calls “hell” than ...” ― Adriana Rodarte':
    a paragraph that opens with a quote and ends with a closing mark and "― Name" is that person's
    statement, whole, however the marks inside it pair up. Its words count as quoted from here on,
    so no cue inside it makes a statement of its own."""
    text = doc_text(doc)
    opening = {q.open_mark: i for i, q in enumerate(quotes)}
    found = []
    for para in paras:
        if para.start not in opening:
            continue
        dashes = [m.start() for m in _DASH.finditer(text, para.start, para.end)]
        if not dashes:
            continue
        match = _SIGNATURE.match(text, dashes[-1], para.end)
        quoted_end = dashes[-1]
        while quoted_end > para.start and text[quoted_end - 1].isspace():
            quoted_end -= 1
        if not match or match.end() != para.end or quoted_end <= para.start or text[quoted_end - 1] not in "”\"":
            continue
        cue = _signature_cue(doc, match)
        if cue is None:
            continue
        held = [i for i, q in enumerate(quotes) if para.start <= q.open_mark < quoted_end]
        draft = _Draft("direct", [(para.start, quoted_end)], cue, quotes=[quotes[i] for i in held], base_confidence=0.85)
        for i in held:
            claimed[i] = draft
        for token in doc[_token_index_at(doc, para.start):_token_index_at(doc, quoted_end - 1) + 1]:
            in_quote[token.i] = True
        found.append(draft)
    return found


def _drafts_from_signatures(doc: Doc, quotes: list[Quote], claimed: dict[int, _Draft], paras: list[Paragraph]) -> list[_Draft]:
    """'"We need change." ― Ana Ruiz': a quote signed with a dash and a name, ending its paragraph."""
    text = doc_text(doc)
    ends = sorted(p.end for p in paras)
    found = []
    for i, quote in enumerate(quotes):
        if i in claimed or quote.close_mark is None:
            continue
        paragraph_end = ends[bisect_right(ends, quote.outer_end - 1)] if ends and ends[-1] >= quote.outer_end else len(text)
        match = _SIGNATURE.match(text, quote.outer_end, paragraph_end)
        cue = _signature_cue(doc, match) if match and match.end() == paragraph_end else None
        if cue is None:
            continue
        found.append(_claim_quote(claimed, i, quote, cue, 0.85))
    return found


def _signature_cue(doc: Doc, match: re.Match) -> _Cue | None:
    """The dash of a "― Name" signature as the cue, the name as the source."""
    dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    return _Cue(list(dash), name.root, [], dash[0]) if dash is not None and name is not None else None


def _merge_interrupted_quotes(doc: Doc, quotes: list[Quote], claimed: dict[int, _Draft]) -> None:
    """The halves of an interrupted quote are one statement.

    '"We will win," she said, "and soon."', '"We will win," she said. "Soon."' and
    '"My hope," he said, "is peace."' (where the cue claimed the second half): when
    the words between two quotes of a paragraph are the holder's own attribution.
    """
    for i in range(1, len(quotes)):
        before, after = quotes[i - 1], quotes[i]
        if before.paragraph != after.paragraph or (i - 1 in claimed) == (i in claimed):
            continue
        holder = claimed.get(i - 1) or claimed[i]
        if holder.type not in _MERGING_TYPES or holder.cue is None:
            continue
        if _only_attribution_between(doc, before, after, holder.cue):
            loose = after if i - 1 in claimed else before
            joined = _JOINING_CONJUNCTION.search(doc_text(doc), before.outer_end, after.open_mark)
            start = joined.start("word") if joined and loose is after else loose.open_mark
            holder.spans.append((start, loose.outer_end))  # '"...," he said, but "..."': from "but"
            holder.quotes.append(loose)
            claimed[i if i - 1 in claimed else i - 1] = holder


def _only_attribution_between(doc: Doc, before: Quote, after: Quote, cue: _Cue) -> bool:
    """Whether the words between two quotes are the cue's sentence and nothing else."""
    gap = doc_text(doc)[before.outer_end:after.open_mark]
    joined = _JOINING_CONJUNCTION.search(gap)
    if joined:
        gap = gap[:joined.start("word")]
    if not gap.rstrip().endswith((",", ":", ".")) or len(gap) > _INTERRUPTION_CHARS:
        return False
    if not before.outer_end <= cue.verb.idx < after.open_mark:
        return False
    sentence = cue.verb.sent
    between = [doc[i] for i in _tokens_in(doc, before.outer_end, after.open_mark)]
    return all(sentence.start <= t.i < sentence.end or t.is_punct for t in between)


# -- 4. the running speaker -------------------------------------------------------------
def _drafts_from_running_speaker(
    text: str, quotes: list[Quote], claimed: dict[int, _Draft], drafts: list[_Draft], paras: list[Paragraph]
) -> list[_Draft]:
    """Quotes with no cue of their own belong to whoever was speaking just before."""
    found = []
    para_start = {p.index: p.start for p in paras}
    for i, quote in enumerate(quotes):
        if i in claimed:
            continue
        previous = claimed.get(i - 1) if i > 0 else None
        if quote.continues and previous is not None:
            speaker, conf = previous.speaker, 0.85
        else:
            floating = not text[para_start.get(quote.paragraph, quote.open_mark):quote.open_mark].strip()
            if not floating or quote.words(text) < _MIN_QUOTE_WORDS:
                continue
            recent = _latest_speaker_before(drafts + found, quote, paras)
            if recent is None or recent.speaker is None or recent.speaker.mention is None:
                continue  # nobody to attribute it to: a quoted title or epigraph, not a statement
            speaker, conf = recent.speaker, 0.75
        draft = _Draft("direct", [quote.outer_span], None, quotes=[quote], base_confidence=conf)
        draft.speaker = speaker or Speaker()  # the mention that named them is the source
        draft.how = "name" if draft.speaker.name else "unresolved"
        claimed[i] = draft
        found.append(draft)
    return found


def _latest_speaker_before(drafts: list[_Draft], quote: Quote, paras: list[Paragraph]) -> _Draft | None:
    """The statement just before the quote, if it is near enough to hand over its speaker."""
    earlier = [d for d in drafts if d.spans[0][0] < quote.open_mark and d.speaker is not None]
    if not earlier:
        return None
    latest = max(earlier, key=lambda d: d.spans[-1][1])
    starts = [p.start for p in paras]
    paragraph = paras[bisect_right(starts, latest.spans[-1][0]) - 1].index
    return latest if quote.paragraph - paragraph <= _RUNNING_SPEAKER_REACH else None


# -- 5. speakers ---------------------------------------------------------------------
def _resolve_speakers(doc: Doc, drafts: list[_Draft], names: ArticleNames) -> None:
    for draft in drafts:
        if draft.speaker is not None:
            continue  # named by a transcript label
        source = draft.cue.source if draft.cue else None
        if source is None:
            draft.speaker, draft.how = Speaker(), "unresolved"
            continue
        span = mention_span(source)
        referent: Referent = names.resolve(source)
        names.remember(source, referent)
        draft.speaker = Speaker(Span(span.text, span.start_char, span.end_char), referent.name, referent.kind)
        draft.how = referent.how


def _finish(text: str, draft: _Draft) -> Statement:
    spans = tuple(sorted(set((s, e) for s, e in draft.spans if e > s)))
    cue = None
    if draft.cue is not None:
        first, last = draft.cue.tokens[0], draft.cue.tokens[-1]
        cue = Span(text[first.idx:_token_end(last)], first.idx, _token_end(last))
    speaker = draft.speaker or Speaker()
    confidence = draft.base_confidence * _CONFIDENCE_BY_HOW.get(draft.how, 0.6)
    if speaker.name is None:
        confidence *= 0.6
    return Statement(
        type=draft.type,  # type: ignore[arg-type]
        text=" ".join(text[s:e] for s, e in spans),
        spans=spans,
        cue=cue,
        speaker=speaker,
        confidence=round(confidence, 2),
        speech=cue is None or is_speech_cue(cue.text) or not cue.text.strip(_SIGNATURE_MARKS),
    )


# -- helpers ---------------------------------------------------------------------------
def _token_end(token: Token) -> int:
    return token.idx + len(token.text)


def _token_spans(doc: Doc, indices: list[int]) -> list[tuple[int, int]]:
    """Character spans of runs of consecutive tokens."""
    spans: list[tuple[int, int]] = []
    run_start = prev = None
    for i in indices:
        if prev is not None and i != prev + 1 and not all(doc[j].is_space for j in range(prev + 1, i)):
            spans.append((doc[run_start].idx, _token_end(doc[prev])))
            run_start = None
        if run_start is None:
            run_start = i
        prev = i
    if run_start is not None:
        spans.append((doc[run_start].idx, _token_end(doc[prev])))
    return spans


def _token_index_at(doc: Doc, char: int) -> int:
    """The index of the token at or just before a character offset."""
    span = doc.char_span(max(char - 1, 0), max(char, 1), alignment_mode="expand")
    return span.start if span is not None else 0


def _tokens_in(doc: Doc, start: int, end: int) -> set[int]:
    """Tokens starting in [start, end), found by position rather than a scan of the document."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return {t.i for t in span if start <= t.idx < end and not t.is_space} if span is not None else set()


def _word_count(doc: Doc, indices: list[int]) -> int:
    return sum(1 for i in indices if not doc[i].is_punct and not doc[i].is_space)


def _words_outside_quotes(doc: Doc, indices: list[int], quotes: list[Quote]) -> int:
    count = 0
    for i in indices:
        token = doc[i]
        if token.is_punct or token.is_space or token.lower_ == "that":
            continue
        if not any(q.open_mark <= token.idx < q.outer_end for q in quotes):
            count += 1
    return count
