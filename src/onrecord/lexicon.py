"""Word lists extraction relies on, kept in one place.

The cue verbs here are also what the evaluation's ``speech`` subset means by a
speech or communication verb.
"""
from __future__ import annotations

import re

# Verbs of speech and communication, as lemmas.
SPEECH_VERBS = frozenset(
    """
    say tell add warn emphasize emphasise reveal insist state declare announce explain claim
    argue note write report suggest stress acknowledge admit assert confirm deny maintain mention
    remark reply respond answer ask urge comment contend complain concede promise pledge vow
    predict propose recall reiterate repeat boast caution charge conclude disclose elaborate
    indicate inform joke lament observe protest quip recount retort shout tweet testify
    describe advise allege agree assure counter cry demand express forecast hint highlight
    proclaim recommend reassure signal specify speculate underline underscore whisper scream yell
    grumble muse brag affirm estimate guarantee threaten tout swear call cite criticize
    criticise blast condemn question discuss
    """.split()
)

# Multi-word cues whose source follows them: "according to X".
ACCORDING_TO = ("according", "to")

# Verbs that name or label something: 'called her "third-rate"', 'dubbed it "Obamacare"'.
NAMING_VERBS = frozenset("call dub label brand term deem name nickname".split())

# Verbs of judging and taking a stand: a word or two quoted beside them is the speaker's own
# characterisation ('attacked the "macho culture"', 'accused the network of "swindling"').
STANCE_VERBS = frozenset(
    """
    accuse attack denounce praise endorse profess hail laud slam decry dismiss reject welcome applaud
    blame mock ridicule thank congratulate apologise apologize defend dispute challenge rebuke
    lambast lambaste deride disparage brand characterize characterise portray depict frame refer
    justify regard view consider dismiss hail
    """.split()
)

_IRREGULAR = {
    "say": ["says", "said", "saying"],
    "tell": ["tells", "told", "telling"],
    "write": ["writes", "wrote", "written", "writing"],
    "swear": ["swears", "swore", "sworn", "swearing"],
    "forecast": ["forecasts", "forecast", "forecasted", "forecasting"],
    "cry": ["cries", "cried", "crying"],
}
_DOUBLE_FINAL = frozenset({"admit", "quip", "regret", "omit", "submit", "refer", "concur", "brag"})


def inflections(lemma: str) -> list[str]:
    """The forms of a regular or listed irregular English verb."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in _DOUBLE_FINAL:
        stem = lemma + lemma[-1]
        return [third, stem + "ed", stem + "ing"]
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return [third, past, ing]


def _form_table(lemmas: frozenset[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in sorted(lemmas):
        table[lemma] = lemma
        for form in inflections(lemma):
            table.setdefault(form, lemma)
    return table


# Lower-cased verb form -> lemma. Used instead of spaCy's lemmatizer, which
# extraction does not need to run.
CUE_FORMS: dict[str, str] = _form_table(SPEECH_VERBS)
NAMING_FORMS: dict[str, str] = _form_table(NAMING_VERBS)
STANCE_FORMS: dict[str, str] = _form_table(STANCE_VERBS | NAMING_VERBS)
# Verbs that give a name rather than judge: 'named the virus "severe acute respiratory syndrome
# coronavirus 2"' quotes a name, 'called her "third-rate"' a judgement.
NAME_GIVING_FORMS: dict[str, str] = _form_table(frozenset("name rename dub nickname christen".split()))
# "The professor added, ...": verbs that go on with a statement just made.
CONTINUING_FORMS: dict[str, str] = _form_table(frozenset({"add", "continue"}))


def is_speech_cue(cue: str) -> bool:
    """Whether a cue (a verb or phrase: "has said", "according to") names speech or communication.

    The one list behind both extraction's cue verbs and the evaluation's ``speech`` subset.
    """
    words = re.findall(r"[a-z]+", cue.lower())
    if " ".join(words[:2]) == " ".join(ACCORDING_TO):
        return True
    return any(word in CUE_FORMS for word in words)

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f", "i": None}
GROUP_PRONOUNS = frozenset({"they", "them", "their", "we"})
ORG_PRONOUNS = frozenset({"it", "its"})
# "Jr.", "III": a name with one names another person than the same name without it.
GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Every pronoun a speaker mention can be: a speaker page counts them apart from the names.
PRONOUNS = frozenset(PERSON_PRONOUNS) | GROUP_PRONOUNS | ORG_PRONOUNS | frozenset(
    "me my us our you your him hers them theirs who which that this these those".split()
)

# Words that precede a name as a title or office; they are not part of the name.
TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady rev rev. reverend prof prof. professor
    president vice secretary minister senator sen sen. rep rep. representative gov gov. governor
    mayor judge justice general gen gen. colonel col col. captain capt capt. lieutenant lt lt.
    sergeant sgt sgt. chancellor premier king queen prince princess pope bishop archbishop
    cardinal rabbi imam sheikh chairman chairwoman chair chief ceo director commissioner
    ambassador speaker leader candidate nominee congressman congresswoman councillor
    councilman councilwoman attorney deputy officer inspector detective coach father sister
    brother saint st st. former acting interim prime state foreign home defense defence mp mep
    admiral adm adm. brigadier commodore sheriff
    """.split()
)
GENDERED_TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m",
    "brother": "m", "congressman": "m", "chairman": "m", "councilman": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
    "queen": "f", "princess": "f", "sister": "f", "congresswoman": "f", "chairwoman": "f",
    "councilwoman": "f",
}

# Family relations: "his son", "the widow".
KIN_NOUNS = frozenset(
    "son daughter wife husband sister brother uncle aunt grandmother grandfather widow widower "
    "parent cousin nephew niece girlfriend boyfriend fiancé fiancée".split()
)
# Common nouns that name a person by role: "the mayor said", "a spokesman said".
PERSON_NOUNS = frozenset(
    """
    mayor leader president minister spokesman spokeswoman spokesperson official source secretary
    senator governor candidate nominee chairman chairwoman chair chief director executive officer
    lawyer attorney analyst expert economist professor researcher scientist doctor author witness
    resident man woman father mother aide adviser advisor campaigner activist representative
    ambassador envoy general commander judge prosecutor lawmaker congressman congresswoman
    member host anchor reporter journalist writer editor ceo founder owner manager coach player
    star actor actress singer billionaire businessman businesswoman challenger incumbent
    chancellor premier king queen prince princess pope bishop priest imam rabbi student teacher
    voter supporter critic opponent colleague friend neighbor neighbour victim survivor agent
    inspector diplomat strategist pollster operative staffer organizer organiser volunteer
    historian commentator columnist contributor insider observer consultant negotiator
    boss head deputy mp councillor sheriff detective investigator counsel surgeon nurse
    physician psychologist politician legislator delegate donor fundraiser chef mogul
    commissioner justice captain colonel lieutenant sergeant cardinal archbishop sheikh councilman
    councilwoman administrator superintendent principal president-elect rival
    """.split()
) | KIN_NOUNS
# Nouns that tell how a person stands to others, not what post they hold: two forms of a name
# seen as "son" or "opponent" are not thereby one person (see the store's suffix evidence).
RELATION_NOUNS = KIN_NOUNS | frozenset(
    "man woman friend opponent critic supporter colleague neighbor neighbour victim survivor resident voter "
    "source member".split()
)

# Party and affiliation words that stand before a name as a role: "Republican Assemblywoman".
PARTY_WORDS = frozenset("republican republicans democrat democrats democratic labour labor conservative tory liberal "
                        "libertarian green independent socialist".split())
# A party's member, alone: a description of a person ("One Republican said"), never a name.
PARTY_MEMBERS = frozenset("republican democrat tory conservative liberal libertarian socialist independent".split())
# Words that open a surname of two words ("de Blasio", "van Gogh", "La Riva").
SURNAME_PARTICLES = frozenset("de da di del della der den van von la le du dos das al el bin ibn".split())
PLURAL_PARTY_WORDS = frozenset("republicans democrats conservatives tories liberals libertarians socialists".split())

# Documents that speak for whoever issued them: "Trump's statement read", "its press release said".
# A court's finding, whatever the article calls it: "issued a ruling ... The summary of the decision read".
COURT_DOCUMENTS = frozenset("ruling decision opinion judgment judgement verdict".split())
DOCUMENT_NOUNS = frozenset("statement statements summary notice release website letter memo tweet post report "
                           "announcement proclamation description filing warning advisory bulletin".split()) | COURT_DOCUMENTS

# Common nouns that name an organisation: "the company said".
ORGANIZATION_NOUNS = frozenset(
    """
    company firm government ministry department agency party campaign committee council
    organization organisation union police army military administration court newspaper paper
    network channel station website bank board commission office team club school university
    hospital authority regime parliament congress senate cabinet embassy consulate force
    corporation group institute foundation charity association federation alliance coalition
    league movement outlet publication magazine broadcaster studio network service
    """.split()
)

# The last word of an organisation's name often says what it is.
# Verbs that hand a report to "as saying": "Politico quoted Tim Manning as saying ...".
QUOTING_VERBS = frozenset("quote quotes quoted quoting cite cites cited citing".split())
# Social platforms and messaging services: places words are posted, bodies that can speak, never "he".
PLATFORMS = frozenset(
    "twitter facebook instagram youtube tiktok reddit linkedin weibo wechat telegram whatsapp snapchat parler "
    "mastodon gab vkontakte bluesky".split()
)
ORGANIZATION_WORDS = frozenset(
    """
    post times news journal party ministry department office council committee commission
    agency bureau service institute university college association union group inc inc. corp
    corp. company co co. ltd ltd. llc foundation court police army navy government campaign
    network press fund bank board senate house congress administration organization
    organisation center centre club league federation alliance coalition tribune herald gazette
    guardian telegraph mail express mirror independent observer economist magazine review
    daily weekly radio tv television channel broadcasting media studios records airlines motors
    reuters bloomberg politico breitbart huffpost axios council parliament assembly
    commission authority trust society church hospital school academy institute library
    museum partners capital holdings group industries labs laboratories systems technologies
    """.split()
)

# Words that close an organisation's name, after which a person's name may follow inside one
# entity of the recogniser: "Amnesty International Man-kei Tam".
ORGANIZATION_ENDINGS = frozenset("international inc inc. corp corp. ltd ltd. llc plc gmbh news".split())

# Countries and a few places that are often the subject of "said" as a state.
PLACES = frozenset(
    """
    afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh
    belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon canada chile china
    colombia congo croatia cuba cyprus czechia denmark ecuador egypt england estonia ethiopia
    europe finland france gaza georgia germany ghana greece guatemala haiti honduras hungary
    iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya
    korea kosovo kuwait laos latvia lebanon libya lithuania luxembourg malaysia mali malta mexico
    moldova mongolia montenegro morocco mozambique myanmar nepal netherlands nicaragua niger
    nigeria norway oman pakistan palestine panama paraguay peru philippines poland portugal qatar
    romania russia rwanda scotland senegal serbia singapore slovakia slovenia somalia spain
    sudan sweden switzerland syria taiwan tanzania thailand tunisia turkey uganda ukraine
    uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe america washington london
    moscow beijing paris berlin tokyo brussels kyiv kiev tehran jerusalem damascus baghdad
    westminster whitehall pyongyang seoul ottawa canberra delhi
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont virginia wisconsin wyoming
    """.split()
)

# A caption's credit label: "AIP Chairman Markham Robinson Image: Markham Robinson." ends the name before it.
CREDIT_LABELS = frozenset("image photo photograph picture video credit source file".split())

# Proper nouns that are never anybody's name.
NOT_NAMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday tomorrow
    """.split()
)


# -- quotation marks: every definition of a mark lives here -----------------------------
QUOTE_MARKS = frozenset("“”„‟\"«»‘’'‹›‚")  # every quotation mark, double and single
QUOTE_MARK_CHARS = "".join(sorted(QUOTE_MARKS))  # the same, for str.strip
OPENING_MARKS = frozenset("“‘«")  # curly marks that can only open
CLOSING_MARKS = frozenset("”’»")  # curly marks that can only close
DOUBLE_QUOTE_MARKS = frozenset("\"“”„‟«»")  # what makes a gold attribution "direct" (a quotation, not an apostrophe)
COMMON_DOUBLE_MARKS = "\"“”"  # the double marks of English copy (the scorer's "quoted" feature)
# Opening mark -> the closing marks that end it.
# Curly and straight marks close each other: '“... FBI," he said' is common in copy.
DOUBLE_QUOTE_PAIRS = {"“": "”\"", "„": "“”", "«": "»", '"': '"”', "‟": "”"}
SINGLE_QUOTE_PAIRS = {"‘": "’", "‚": "’‘", "‹": "›", "'": "'"}
TWO_APOSTROPHES = "''"  # a double mark typed as two single ones
# A closing mark that opens a paragraph is a misprinted opening one: '”Fear. I am afraid ...” ― Ana'.
MISPRINTED_OPENERS = {"”": "”\""}
OPENERS_BEFORE = frozenset(" \t([{—–-/:;,“\"‘'«")  # what may stand right before an opening mark

# Words a title keeps in lower case: "Kim Kardashian of Pakistan", "Allah is Gay".
TITLE_SMALL_WORDS = frozenset("a an and at by for in is of on or the to v. vs vs. versus".split())

# -- words the rules read ---------------------------------------------------------------
# Nouns that take a "that" clause of their own ("the fact that ..."): no misparse to mend.
NOUNS_TAKING_THAT = frozenset("fact idea claim news notion belief hope view message story report evidence sense".split())
# Nouns that name the quotation after them as a term, not as anyone's words: 'the term "subject to"',
# 'his nickname "Spike"', 'the slogan "Defund the Police"', 'the question, "Is this person a citizen?"'.
TERM_NOUNS = frozenset(
    "term terms phrase phrases expression word slogan slogans motto name names nickname moniker title label "
    "hashtag catchphrase tagline question caption headline sign placard".split()
)
# Adjectives that say which office, not how good its holder is ("a former senator", "a deputy
# minister"): after "is a(n)", any other lower-case adjective makes the phrase a judgement.
OFFICE_ADJECTIVES = frozenset(
    "former foreign chief senior junior deputy acting interim associate assistant executive general national "
    "federal local regional state public political military civil special vice prime first second third lead "
    "principal managing elected outgoing incoming late current longtime top new retired presidential "
    "parliamentary legal medical financial scientific creative artistic technical independent".split()
)
# "X seemed to Y", "X is expected to Y": the verb cites nobody.
RAISING_VERBS = frozenset("seem seems seemed appear appears appeared".split())
RAISING_PASSIVES = frozenset({"expected"})
# Capitals and a colon that open a paragraph but name no speaker ("UPDATE: ...").
NOT_SPEAKER_LABELS = frozenset(
    "update note editor's note editor’s note watch read more related photos video correction clarification "
    "breaking exclusive advertisement warning spoiler alert spoiler".split(" ")
) | {"editor's note", "editor’s note", "read more", "spoiler alert"}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Auxiliaries that are no attribution verb of their own ('"...," he did.').
NOT_ATTRIBUTION_VERBS = frozenset("do does did has have had".split())


# Words too common to say what a speaker talks about (spaCy's English stop words, copied so the
# record reads them without loading spaCy).
STOP_WORDS = frozenset((
    "'d 'll 'm 're 's 've a about above across after afterwards again against all almost alone along already also "
    "although always am among amongst amount an and another any anyhow anyone anything anyway anywhere are around "
    "as at back be became because become becomes becoming been before beforehand behind being below beside besides "
    "between beyond both bottom but by ca call can cannot could did do does doing done down due during each eight "
    "either eleven else elsewhere empty enough even ever every everyone everything everywhere except few fifteen "
    "fifty first five for former formerly forty four from front full further get give go had has have he hence her "
    "here hereafter hereby herein hereupon hers herself him himself his how however hundred i if in indeed into is "
    "it its itself just keep last latter latterly least less made make many may me meanwhile might mine more "
    "moreover most mostly move much must my myself n't name namely neither never nevertheless next nine no nobody "
    "none noone nor not nothing now nowhere n‘t n’t of off often on once one only onto or other others otherwise "
    "our ours ourselves out over own part per perhaps please put quite rather re really regarding same say see seem "
    "seemed seeming seems serious several she should show side since six sixty so some somehow someone something "
    "sometime sometimes somewhere still such take ten than that the their them themselves then thence there "
    "thereafter thereby therefore therein thereupon these they third this those though three through throughout "
    "thru thus to together too top toward towards twelve twenty two under unless until up upon us used using "
    "various very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein "
    "whereupon wherever whether which while whither who whoever whole whom whose why will with within without would "
    "yet you your yours yourself yourselves ‘d ‘ll ‘m ‘re ‘s ‘ve ’d ’ll ’m ’re ’s ’ve "
).split())

# Nouns of time that are no speaker ("said Monday morning").
TIME_WORDS = NOT_NAMES | {"morning", "afternoon", "evening", "night", "week", "month", "year"}
