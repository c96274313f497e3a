-- onrecord's store. Offsets index articles.text; dates are YYYY-MM-DD or NULL.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Every article ingested once. A syndicated copy (same text, other id) keeps its
-- metadata and points at the article it copies (copy_of); it has no statements.
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    text_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    body_start INTEGER NOT NULL DEFAULT 0,
    date TEXT, title TEXT, url TEXT, source TEXT, origin TEXT,
    copy_of TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (text_hash);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source, date);  -- the sources index and filter
CREATE INDEX IF NOT EXISTS articles_date_title ON articles (date, title);  -- the articles index, by title words
CREATE INDEX IF NOT EXISTS articles_copy_of ON articles (copy_of) WHERE copy_of IS NOT NULL;

-- The names articles give their speakers, and the speaker (slug) each stands for.
CREATE TABLE IF NOT EXISTS names (
    name TEXT PRIMARY KEY,
    kind TEXT,
    speaker TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS names_speaker ON names (speaker);

-- A person's corrections of who is who: this name always stands for the speaker of `joins`
-- (another name), or for a speaker of its own when `joins` is NULL. Re-ingests keep them.
CREATE TABLE IF NOT EXISTS name_overrides (
    name TEXT PRIMARY KEY,
    joins TEXT,
    made TEXT NOT NULL
);

-- One person (or organisation) across the corpus; id is a readable slug.
CREATE TABLE IF NOT EXISTS speakers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    statements INTEGER NOT NULL,
    first_date TEXT,
    last_date TEXT,
    dated INTEGER NOT NULL DEFAULT 0  -- statements with a date (schema 6): a date range's counts are taken from it
);
CREATE INDEX IF NOT EXISTS speakers_statements ON speakers (statements DESC);

-- Each speaker's dated statements per month (YYYY-MM), kept with the speakers table: the speakers
-- index over a date range adds whole months from here and counts only the partial months at its edges.
CREATE TABLE IF NOT EXISTS speaker_months (
    speaker TEXT NOT NULL,
    month TEXT NOT NULL,
    statements INTEGER NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    PRIMARY KEY (speaker, month)
) WITHOUT ROWID;  -- read in key order: a range of months is a scan of a few rows per speaker
CREATE INDEX IF NOT EXISTS speaker_months_month ON speaker_months (month, statements);  -- a month's most quoted

-- Roles articles give people ("london mayor" for Sadiq Khan), with the article's date.
CREATE TABLE IF NOT EXISTS roles (
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    date TEXT,
    PRIMARY KEY (article_id, name, role)
);
-- a person's roles with their dates, read from the index alone (schema 6; it was (name) before)
DROP INDEX IF EXISTS roles_name;
CREATE INDEX IF NOT EXISTS roles_name_role ON roles (name, role, date);

-- Every statement of every article, as extraction gave it, plus where it belongs:
-- the speaker (through its name, or a role description resolved at its date) and
-- the merged quote it is an occurrence of.
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    date TEXT,
    type TEXT NOT NULL,
    speech INTEGER NOT NULL,
    text TEXT NOT NULL,
    spans TEXT NOT NULL,
    cue TEXT, cue_start INTEGER, cue_end INTEGER,
    mention TEXT, mention_start INTEGER, mention_end INTEGER,
    name TEXT,
    kind TEXT,
    description TEXT,
    speaker TEXT,
    confidence REAL NOT NULL,
    norm TEXT NOT NULL,
    quote_id INTEGER,
    -- the speaker as one search token ("spk" + hex of the slug + "0": no stemmer touches it)
    speaker_key TEXT GENERATED ALWAYS AS ('spk' || hex(speaker) || '0') VIRTUAL,
    UNIQUE (article_id, seq)
);
CREATE INDEX IF NOT EXISTS statements_speaker ON statements (speaker, date);
CREATE INDEX IF NOT EXISTS statements_speaker_mention ON statements (speaker, mention);  -- a speaker's aliases
CREATE INDEX IF NOT EXISTS statements_date ON statements (date);
CREATE INDEX IF NOT EXISTS statements_type ON statements (type, date);  -- a search by type alone
CREATE INDEX IF NOT EXISTS statements_name ON statements (name);
-- a speaker's names and role descriptions counted from the index alone (their page's "who is joined here")
CREATE INDEX IF NOT EXISTS statements_speaker_name ON statements (speaker, name, description);
CREATE INDEX IF NOT EXISTS statements_description ON statements (description) WHERE description IS NOT NULL;
CREATE INDEX IF NOT EXISTS statements_quote ON statements (quote_id);

-- A quote: the statements of one speaker that say the same thing. text is the
-- first occurrence's; head and tail (first and last words) find near-identical variants.
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    speaker TEXT,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    head TEXT NOT NULL,
    tail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_norm ON quotes (speaker, norm);
CREATE INDEX IF NOT EXISTS quotes_head ON quotes (speaker, head);
CREATE INDEX IF NOT EXISTS quotes_tail ON quotes (speaker, tail);

-- Full text of statements, with the speaker as a second column so that text plus
-- speaker is one posting-list intersection (speaker_key is the slug as one token).
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5 (
    text, speaker_key, content = 'statements', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, text, speaker_key) VALUES (new.id, new.text, new.speaker_key);
END;
CREATE TRIGGER IF NOT EXISTS statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, speaker_key) VALUES ('delete', old.id, old.text, old.speaker_key);
END;
CREATE TRIGGER IF NOT EXISTS statements_fts_speaker AFTER UPDATE OF speaker ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, speaker_key) VALUES ('delete', old.id, old.text, old.speaker_key);
    INSERT INTO statements_fts (rowid, text, speaker_key) VALUES (new.id, new.text, new.speaker_key);
END;

-- The same words unstemmed, for prefix queries: the stemmed index holds "immigr" for
-- "immigration", so "immigra*" finds nothing there; here it finds every word that starts so.
CREATE VIRTUAL TABLE IF NOT EXISTS statements_words USING fts5 (
    text, speaker_key, content = 'statements', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS statements_words_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_words (rowid, text, speaker_key) VALUES (new.id, new.text, new.speaker_key);
END;
CREATE TRIGGER IF NOT EXISTS statements_words_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_words (statements_words, rowid, text, speaker_key) VALUES ('delete', old.id, old.text, old.speaker_key);
END;
CREATE TRIGGER IF NOT EXISTS statements_words_speaker AFTER UPDATE OF speaker ON statements BEGIN
    INSERT INTO statements_words (statements_words, rowid, text, speaker_key) VALUES ('delete', old.id, old.text, old.speaker_key);
    INSERT INTO statements_words (rowid, text, speaker_key) VALUES (new.id, new.text, new.speaker_key);
END;

-- A statement's stance toward a target proposition (onrecord positions), kept so that it is worked
-- out once per statement, target and stance model; text_hash tells a row from a statement since
-- replaced under the same id.
CREATE TABLE IF NOT EXISTS stances (
    statement_id INTEGER NOT NULL,
    target TEXT NOT NULL,
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    label TEXT NOT NULL,
    confidence REAL NOT NULL,
    evidence TEXT NOT NULL,
    conditional INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (statement_id, target, model)
) WITHOUT ROWID;
