"""Small readings of the parse that several rules share: token offsets, noun phrases, a cue's words."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import CUE_FORMS, NOT_ATTRIBUTION_VERBS, QUOTING_VERBS, TERM_NOUNS, TIME_WORDS, WEEKDAYS
from .quotes import Paragraph, Quote

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
COMPLEMENT_DEPS = ("ccomp", "xcomp")
NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})  # what a speaker can be
NOUN_PHRASE_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "CD", "POS", "HYPH", "RB"})
_CUE_PREPOSITIONS = {"call": ("for", "on")}  # "called on Congress to act": the preposition is the cue's
_CUE_PREPOSITION_REACH = 3  # "asks him about": at most this many words from verb to preposition


def headline_end(text: str, paras: list[Paragraph]) -> int:
    """Where the headline (a first line with no closing punctuation) ends, or 0."""
    if not paras:
        return 0
    first = paras[0]
    line = text[first.start:first.end]
    if len(paras) > 1 and line and line[-1] not in ".!?\"”’)" and len(line.split()) <= 25:
        return first.end
    return 0


def quote_token_mask(doc: Doc, quotes: list[Quote]) -> list[bool]:
    mask = [False] * len(doc)
    ranges = [(q.open_mark, q.outer_end) for q in quotes]
    r = 0
    for token in doc:
        while r < len(ranges) and ranges[r][1] <= token.idx:
            r += 1
        if r < len(ranges) and ranges[r][0] <= token.idx < ranges[r][1]:
            mask[token.i] = True
    return mask


def cue_phrase(verb: Token, preposition: Token | None = None) -> list[Token]:
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
        if child.dep_ == "prt" or (child.dep_ == "npadvmod" and child.lower_ in WEEKDAYS):
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


def noun_after(verb: Token, in_quote: list[bool]) -> Token | None:
    """The first noun phrase after the verb, outside quotes, by its head; a person's name that ends
    the phrase is its head, however the parser hung it ('said study co-author Ted Scambos')."""
    for token in verb.doc[verb.i + 1:verb.sent.end]:
        if in_quote[token.i] or token.is_punct:
            return None
        if token.tag_ in NOMINAL_TAGS and token.lower_ not in TIME_WORDS:
            return _person_ending_phrase(token) or head_noun(token)
    return None


def _person_ending_phrase(first: Token) -> Token | None:
    """The last word of a person's name (a named entity) closing the noun phrase that opens at ``first``."""
    last = None
    for token in first.doc[first.i:first.sent.end]:
        if token.tag_ not in NOUN_PHRASE_TAGS and token.text != "-":
            break
        if token.ent_type_ == "PERSON" and (token.i + 1 >= len(token.doc) or token.nbor(1).ent_iob_ != "I"):
            last = token
    return last


def right_after_quote(verb: Token, in_quote: list[bool]) -> bool:
    """'"...," said X': only punctuation between the quote's closing mark and the verb."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct and not in_quote[i]:
        i -= 1
    return i >= 0 and in_quote[i]


def noun_before_finite_verb(verb: Token, past_apposition: bool = False) -> Token | None:
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
        walked = before.dep_ == "appos"
        while before.dep_ == "appos" and before.head.i < before.i:
            before = before.head
        if walked and before.tag_ not in {"NNP", "NNPS"}:
            # 'Calling it "just another apology", Anna Franowska of ..., an abuse victim support charity, told':
            # the name in apposition, not the quoted noun the parser hung it on
            before = next((c for c in before.children if c.dep_ == "appos" and c.tag_ in {"NNP", "NNPS"}), before)
    return before if before.tag_ in NOMINAL_TAGS else None


def head_noun(token: Token) -> Token:
    """The noun a modifier or a name's first part hangs on: "another New Hampshire Democrat"."""
    while token.dep_ in {"compound", "amod", "det", "poss", "nmod", "nummod"} and token.head.i > token.i:
        token = token.head
    return token


def prepositional_object(preposition: Token) -> Token | None:
    """The object of a preposition: "by [the court]"."""
    return next((c for c in preposition.children if c.dep_ == "pobj"), None)


def phrase_object(head: Token, prepositions: frozenset[str] | set[str] = frozenset({"of"})) -> Token | None:
    """The object of the head's "of" (or other) phrase: "part of [the statement]"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            return prepositional_object(child)
    return None


def verb_like(token: Token) -> bool:
    """A finite verb, or a speech verb's form the tagger took for a noun ("the two write"), or "read"
    taken for its base form (its past is spelt the same: '"...", read the warning')."""
    if token.lower_ in NOT_ATTRIBUTION_VERBS:
        return False
    if token.tag_ in {"VBD", "VBZ", "VBP"} or (token.lower_ == "read" and token.tag_ == "VB"):
        return True
    return token.lower_ in CUE_FORMS and token.tag_ != "VBG" and token.text.islower()


def token_end(token: Token) -> int:
    return token.idx + len(token.text)


def token_spans(doc: Doc, indices: list[int]) -> list[tuple[int, int]]:
    """Character spans of runs of consecutive tokens."""
    spans: list[tuple[int, int]] = []
    run_start = prev = None
    for i in indices:
        if prev is not None and i != prev + 1 and not all(doc[j].is_space for j in range(prev + 1, i)):
            spans.append((doc[run_start].idx, token_end(doc[prev])))
            run_start = None
        if run_start is None:
            run_start = i
        prev = i
    if run_start is not None:
        spans.append((doc[run_start].idx, token_end(doc[prev])))
    return spans


def token_index_at(doc: Doc, char: int) -> int:
    """The index of the token at or just before a character offset."""
    span = doc.char_span(max(char - 1, 0), max(char, 1), alignment_mode="expand")
    return span.start if span is not None else 0


def tokens_in(doc: Doc, start: int, end: int) -> set[int]:
    """Tokens starting in [start, end), found by position rather than a scan of the document."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return {t.i for t in span if start <= t.idx < end and not t.is_space} if span is not None else set()


def word_count(doc: Doc, indices: list[int]) -> int:
    return sum(1 for i in indices if not doc[i].is_punct and not doc[i].is_space)


def words_outside_quotes(doc: Doc, indices: list[int], quotes: list[Quote]) -> int:
    count = 0
    for i in indices:
        token = doc[i]
        if token.is_punct or token.is_space or token.lower_ == "that":
            continue
        if not any(q.open_mark <= token.idx < q.outer_end for q in quotes):
            count += 1
    return count


def quoted_as_saying(verb: Token) -> Token | None:
    """'Politico quoted Tim Manning as saying "..."': the one quoted (the object) when a quoting verb
    hands its report to "as saying"; the report is the saying's, not the quoting's."""
    if verb.lower_ not in QUOTING_VERBS:
        return None
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for preposition in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        if quoted is not None and any(c.dep_ == "pcomp" and c.lower_ in CUE_FORMS for c in preposition.children):
            return quoted
    return None


def names_a_term(doc: Doc, quote: Quote) -> bool:
    """'the term "subject to"', 'his nickname "Spike"', 'the question, "Is this person a citizen?"': the
    quotation is what a term noun right before it (``lexicon.TERM_NOUNS``) names; it mentions words
    rather than reporting anyone's."""
    mark = doc.char_span(quote.open_mark, quote.open_mark + 1, alignment_mode="expand")
    before = mark.start - 1 if mark is not None else -1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    if before < 0:
        return False
    noun = doc[before]
    return noun.tag_ in ("NN", "NNS") and noun.lower_ in TERM_NOUNS

