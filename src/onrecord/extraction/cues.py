"""Cues: the verbs, nouns and phrases that report what someone said, each with its source and
the reported clause ("content") its frame gives.

``find_cues`` reads every token outside quotes once and sorts what it finds into cues with a
clause, spare speech verbs (a speaker but no clause: they may still claim a quote near them),
and candidates (other verbs whose object holds a quote, for the learned check).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import (
    ACCORDING_TO, CUE_FORMS, DOCUMENT_NOUNS, NAMING_FORMS, NOUNS_TAKING_THAT, QUOTE_MARKS, RAISING_PASSIVES, RAISING_VERBS,
)
from ..values import normalise_word
from .content import trim_content
from .context import ArticleContext, Cue, Settings
from .cue_table import NOUN_THAT, cue_table, frame_of, frame_preposition, noun_clause
from .repairs import coordinated_in_report, repair_source_in_quote, subject_of, subject_of_participle_main_verb
from .syntax import (
    COMPLEMENT_DEPS, NOMINAL_TAGS, SUBJECT_DEPS, cue_phrase, phrase_object, prepositional_object, quoted_as_saying,
)

_TRAILING_DEPS = frozenset({"parataxis", "ccomp", "advcl"})
_NOT_CUE_DEPS = frozenset({"amod", "acl"})  # "a man named ...", "the signs asking ..."
_QUOTE_HOLDING_FRAMES = frozenset({"dobj", "xcomp", "ccomp"})
_NOT_CONTENT_AFTER_OBJECT = frozenset({"punct", "cc", "conj", "prt", "advcl", "npadvmod", "parataxis", "dep"})
_NOT_CONTENT_AFTER_INFINITIVE = _NOT_CONTENT_AFTER_OBJECT | {"prep", "advmod"}
_NOT_CONTENT_AFTER_NAMING = _NOT_CONTENT_AFTER_OBJECT - {"dep"}  # 'called both X and Y "crazy"': "both" hangs as dep


def collect(ctx: ArticleContext) -> None:
    """The article's cues, spare speech verbs and candidates, for the rules after this one."""
    ctx.cues, ctx.spare, ctx.candidates = find_cues(ctx.doc, ctx.in_quote, ctx.headline_end, ctx.settings)


def find_cues(
    doc: Doc, in_quote: list[bool], body_start: int, settings: Settings = Settings()
) -> tuple[list[Cue], list[Cue], list[Cue]]:
    """Cues with a reported clause; speech verbs with a speaker but no clause of their
    own (spare: they may still claim a quote near them); and other verbs whose object or
    complement holds a quote (candidates: they claim only quotes nothing else wants)."""
    cues: list[Cue] = []
    spare: list[Cue] = []
    candidates: list[Cue] = []
    for token in doc:
        if token.idx < body_start or in_quote[token.i] or token.is_punct or quoted_as_saying(token) is not None:
            continue  # (a quoting verb hands its report to "as saying"; the hyphen of "co-founded" may be tagged a verb)
        cue = None
        parenthetical = token.tag_.startswith("VB") and _as_one_puts_it(token)
        if token.lower_ == ACCORDING_TO[0] and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == ACCORDING_TO[1]:
            cue = _according_to_cue(doc, token)
        elif parenthetical:
            pass  # 'as the decision put it': no clause of its own; a spare verb (below) for the quote beside it
        elif token.tag_.startswith("VB") and (naming := _naming_cue(token, in_quote, complement_only=True)) is not None:
            cue = naming  # 'called her "third-rate"', before "called" can be read as a cue with no clause
        elif token.tag_.startswith("VB") and (token.dep_ not in _NOT_CUE_DEPS or _acl_with_agent(token)):
            frame = frame_of(token)
            if _is_cue_verb(token, frame, settings):
                cue = _verb_cue(token, frame)
            elif (naming := _naming_cue(token, in_quote)) is not None:
                if token.lower_ in NAMING_FORMS or token.lower_ in CUE_FORMS:
                    cue = naming
                else:  # 'served as "chief of staff"': the learned check decides
                    candidates.append(naming)
            elif settings.quote_holding_candidates and (held := _quote_holding_cue(token, frame, in_quote)) is not None:
                candidates.append(held)
        elif settings.noun_cues and (clause := noun_clause(token)) is not None:
            cue = _noun_cue(token, clause, settings)
        if cue is not None and cue.by_preposition and any(in_quote[t.i] for t in cue.verb.sent) \
                and not (cue.verb.lower_ in CUE_FORMS and _quotes_words(cue, in_quote)):
            cue = None  # '"We will win," Khan said of the vote': the quote is the content (but 'commented
            # on the unfairness of "rigged polls"' reports the quote in its object)
        if cue is not None and cue.content:
            repair_source_in_quote(cue, in_quote)
            cues.append(cue)
        elif parenthetical or token.tag_.startswith("VB") and (token.lower_ in CUE_FORMS or document_reads(token)):
            lone = Cue(cue_phrase(token), subject_of(token), [], token)
            repair_source_in_quote(lone, in_quote)
            if lone.source is not None:
                spare.append(lone)
    return cues, spare, candidates


def _as_one_puts_it(verb: Token) -> bool:
    """'traffic "ground to a halt" — as the decision put it —', 'as Smith said': a clause of manner
    whose object, if any, is only "it", the quoted words beside it."""
    if verb.lower_ not in _PUTTING_FORMS and verb.lower_ not in CUE_FORMS:
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "ccomp", "xcomp"}]
    return all(c.lower_ == "it" for c in objects)


def _quotes_words(cue: Cue, in_quote: list[bool]) -> bool:
    """Quoted words in the cue's clause that are no title or slogan: a lowercase word among them
    ('the unfairness of "rigged polls"', not 'incentives to "Buy American"')."""
    doc = cue.verb.doc
    return any(in_quote[i] and doc[i].is_alpha and doc[i].is_lower for i in cue.content)


def _acl_with_agent(verb: Token) -> bool:
    """'a pattern described by Marine Bulletin as "..."': a participle naming who did it."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def _noun_cue(noun: Token, clause: Token, settings: Settings) -> Cue | None:
    """"Trump's claim that ...", "his assertion that ...": a noun that PolNeAR's annotators often
    marked as a cue when it takes a "that" clause (learned like the verbs, ``cues.NOUN_THAT``).
    The content starts at "that"; the source is the noun's possessor, its "by" agent, or the
    subject of the verb it is the object of ("Trump made the claim that ...")."""
    rate = cue_table().precision(noun.lower_, NOUN_THAT, min_seen=settings.min_seen)
    if rate is None or rate < settings.noun_cue_threshold:
        return None
    content = [noun.i + 1] + [t.i for t in clause.subtree if t.i > noun.i + 1]
    return Cue([noun], holder_of_noun(noun), trim_content(noun.doc, content), noun)


def holder_of_noun(noun: Token) -> Token | None:
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor
    agent = phrase_object(noun, {"by"})
    if agent is not None:
        return agent
    if noun.dep_ == "dobj" and noun.head.tag_.startswith("VB"):
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return None


def _naming_cue(verb: Token, in_quote: list[bool], complement_only: bool = False) -> Cue | None:
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
    if verb.dep_ == "acl":  # 'a group called ...' names nobody, unless the parser hung the sentence's verb there
        source = namer_of_participle(verb) or subject_of_participle_main_verb(verb)
    else:
        source = subject_of(verb)
    cue = Cue(cue_phrase(verb), source, trim_content(verb.doc, content), verb)
    repair_source_in_quote(cue, in_quote)
    return cue


def namer_of_participle(verb: Token) -> Token | None:
    """'Beruff, a Scott ally, called X "strong."' parsed as a participle on "ally": the person named
    before the comma; 'a group called the "We The People Foundation"' names nobody."""
    if verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    head = verb.head
    while head.dep_ == "appos" and head.head.i < head.i:
        head = head.head
    return head if head.tag_ in NOMINAL_TAGS else None


def _quote_holding_cue(verb: Token, frame: str, in_quote: list[bool]) -> Cue | None:
    """'lauded the plan as "a big step"', 'branded it "a disgrace"': a verb the cue table does not
    count as a cue, but whose object or complement holds a quote, with a subject of its own.

    Only a candidate: the learned check (``scorer.py``) keeps the ones like PolNeAR's.
    """
    if frame not in _QUOTE_HOLDING_FRAMES:
        return None
    cue = _verb_cue(verb, frame)
    if cue is None or cue.source is None or not any(in_quote[i] for i in cue.content):
        return None
    repair_source_in_quote(cue, in_quote)
    return cue


def _according_to_cue(doc: Doc, according: Token) -> Cue | None:
    to = doc[according.i + 1]
    source = prepositional_object(to)
    phrase = set(t.i for t in according.subtree) | {according.i, to.i}
    if source is not None:
        phrase |= {t.i for t in source.subtree}
    sentence = according.sent
    content = [t.i for t in sentence if t.i not in phrase]
    return Cue([according, to], source, trim_content(doc, content))


_READ_FORMS = frozenset({"read", "reads", "reading"})
_PUTTING_FORMS = frozenset({"put", "puts"})


def document_reads(verb: Token) -> bool:
    """A document "reads" what it says: 'the summary of the decision read in part: "..."', '"...",
    read the warning', 'a statement which read "..."'."""
    if verb.lower_ not in _READ_FORMS:
        return False
    source = subject_of(verb)
    if source is not None and source.tag_ in {"WDT", "WP"} and source.head.dep_ == "relcl":
        source = source.head.head  # "a statement which read"
    return source is not None and normalise_word(source.text) in DOCUMENT_NOUNS


def _is_cue_verb(verb: Token, frame: str, settings: Settings) -> bool:
    """A speech verb unless its frame is rarely a cue; another verb if its frame often is.

    The rates come from PolNeAR's train split (``cues.cue_table``): "found that ..."
    is a cue far more often than not, "said" with only an object ("said a prayer") is not.
    """
    rate = cue_table().precision(verb.lower_, frame, min_seen=settings.min_seen)
    if verb.lower_ in CUE_FORMS and frame != "dobj":
        return rate is None or rate >= settings.speech_verb_floor
    # An object is what most verbs take: only the pairs the annotators often marked count.
    return rate is not None and rate >= settings.other_verb_threshold


def _verb_cue(verb: Token, frame: str) -> Cue | None:
    raised = _raising_cue(verb)
    if raised is not None:
        return raised
    source = subject_of(verb)
    complement = complement_of(verb)
    if complement is not None and (frame == "ccomp" or verb.lower_ in CUE_FORMS):
        content = _clause_without_other_reports(complement)
        if complement.dep_ == "xcomp":  # "urged supporters to monitor the polls": the object too
            content += [t.i for c in verb.children if c.dep_ == "dobj" and c.i < complement.i for t in c.subtree]
    elif frame == "dobj" and verb.lower_ in CUE_FORMS and (that := that_clause_after_object(verb)) is not None:
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
        phrase = cue_phrase(verb, preposition)
        return Cue(phrase, source, trim_content(verb.doc, content), verb, by_preposition=True)
    elif _trails_its_clause(verb) and source is not None:
        # "The plan is dead, he said." The cue hangs off the reported clause.
        inside = {t.i for t in verb.subtree} | {t.i for t in source.subtree}
        content = [t.i for t in verb.head.subtree if t.i not in inside]
    else:
        return Cue(cue_phrase(verb), source, [], verb)
    phrase = cue_phrase(verb)
    words = {t.i for t in phrase}
    return Cue(phrase, source, trim_content(verb.doc, [i for i in content if i not in words]), verb)


def that_clause_after_object(verb: Token) -> Token | None:
    """The "that" opening a clause the parser hung on a noun after the verb ('told X on a regular
    basis that ...'), unless the noun is one that takes such a clause itself ("the fact that")."""
    for token in verb.subtree:
        if token.i > verb.i and token.lower_ == "that" and token.dep_ == "mark" and token.head.dep_ in {"acl", "ccomp"}:
            clause = token.head
            if clause.head.tag_ in {"NN", "NNS"} and clause.head.lower_ not in NOUNS_TAKING_THAT:
                return token
    return None


def complement_of(verb: Token) -> Token | None:
    """The verb's reported clause: the one after it when the parser gave it two
    ("While he acknowledged ..., Ham noted several ... left him": the first is a misparse)."""
    complements = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS]
    before = [c for c in complements if c.i < verb.i]
    if before and _opens_with_quote_mark(before[0]):
        return before[0]  # '"It's over," she said of the race, in which ...': the quote is what she said
    after = [c for c in complements if c.i > verb.i and not _relative_clause(c)]
    if not complements and verb.lower_ in CUE_FORMS:
        # "Trump tweeted in the early hours that Machado was ...", "that" parsed as an adverb
        after = [c for c in verb.rights if c.dep_ == "advcl" and c.left_edge.lower_ == "that"]
    return after[0] if after else (complements[0] if complements else None)


def _clause_without_other_reports(clause: Token) -> list[int]:
    """The clause's words, less a coordinated clause that reports speech with a subject of its own
    ("She said X, and when pressed, the mother of three replied, ...") or the teller's ("claimed a
    vaccine was near and said ...")."""
    left_out = set()
    for conj in clause.children:
        if conj.dep_ == "conj" and conj.lower_ in CUE_FORMS and (
            any(c.dep_ == "nsubj" for c in conj.children) or coordinated_in_report(conj)
        ):
            cc = [c.i for c in clause.children if c.dep_ in {"cc", "punct"} and c.i < conj.left_edge.i]
            first = max([i for i in cc if i > clause.i], default=conj.left_edge.i)
            left_out |= {t.i for t in conj.subtree} | set(range(first, conj.left_edge.i))
    return [t.i for t in clause.subtree if t.i not in left_out]


def _opens_with_quote_mark(clause: Token) -> bool:
    """A mark right before the clause's first word, touching it (not the closing mark of the
    sentence before: 'malfunction." Smith called ...')."""
    edge = clause.left_edge
    if edge.text in QUOTE_MARKS:
        return True
    before = edge.nbor(-1) if edge.i > 0 else None
    return before is not None and before.text in QUOTE_MARKS and not before.whitespace_


def _relative_clause(verb: Token) -> bool:
    """'..., said Robert Reich, who chairs it': a relative clause the parser took for a complement."""
    return any(c.dep_ in SUBJECT_DEPS and c.tag_ in {"WP", "WDT"} for c in verb.children)


def _raising_cue(verb: Token) -> Cue | None:
    """"Trump seemed to waver", "The plan appears dead", "She is expected to win": nobody is
    cited; PolNeAR's content is the subject and the complement (two fragments), with no source."""
    passive = verb.lower_ in RAISING_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children)
    if verb.lower_ not in RAISING_VERBS and not passive:
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    complement = next((c for c in verb.rights if c.dep_ in {"xcomp", "acomp"}), None)
    if subject is None or complement is None or (passive and complement.dep_ != "xcomp"):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None  # "is expected by analysts to ...": someone is cited
    content = [t.i for t in subject.subtree] + [t.i for t in complement.subtree]
    return Cue(cue_phrase(verb), None, trim_content(verb.doc, content), verb)


def _trails_its_clause(verb: Token) -> bool:
    """A finite cue set in the clause it reports: after it ("The plan is dead, he said.",
    not "..., protesting it") or between commas inside it ("The museum, he said, will open")."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.dep_ not in _TRAILING_DEPS or verb.head.sent != verb.sent:
        return False
    return (verb.head.i < verb.i and _set_off(verb)) or _between_commas(verb)


def _set_off(verb: Token) -> bool:
    """Not right after the verb it hangs on: 'arguing Trump was "..."' is what was argued, not a cue
    after its clause ('The plan is dead, he said')."""
    return min(t.i for t in verb.subtree) - 1 != verb.head.i


def _between_commas(verb: Token) -> bool:
    words = [t.i for t in verb.subtree if not t.is_punct]  # the parser may hang the commas on the cue
    first, last, doc = words[0], words[-1], verb.doc
    before = first - 1
    while before > 0 and doc[before].text in QUOTE_MARKS:
        before -= 1  # '"That," he added, "promises ..."'
    return before >= 0 and doc[before].text == "," and last + 1 < len(doc) and doc[last + 1].text == ","


# Which clause a cue reports, where the parser slipped (see also ``repairs.SOURCE_REPAIRS``).
CLAUSE_REPAIRS = (complement_of, that_clause_after_object)
