-- 0002: change sequence numbers on items (for detectors that follow the store), cursors,
-- claims with their full-text index, and matches of items to claims.
ALTER TABLE items ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE items SET seq = rowid;
CREATE INDEX items_seq ON items(seq);
INSERT INTO meta(key, value) SELECT 'seq', coalesce(max(rowid), 0) FROM items;

-- Detectors record how far along the item sequence they have processed.
CREATE TABLE cursors (
    name TEXT PRIMARY KEY,
    seq  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE claims (
    rowid     INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    text      TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL DEFAULT '',
    summary   TEXT NOT NULL DEFAULT '',
    disproof  TEXT NOT NULL DEFAULT '',
    verdict   TEXT NOT NULL DEFAULT '',
    rating    TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    keywords  TEXT NOT NULL DEFAULT '[]',
    countries TEXT NOT NULL DEFAULT '[]',
    published INTEGER,
    appeared  INTEGER,
    publisher TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    related   TEXT NOT NULL DEFAULT '[]',
    tags      TEXT NOT NULL DEFAULT '[]',
    source    TEXT NOT NULL DEFAULT '',
    raw       BLOB,
    imported  INTEGER NOT NULL
);

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, title, summary,
    content = 'claims', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, text, title, summary) VALUES (new.rowid, new.text, new.title, new.summary);
END;
CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, title, summary) VALUES ('delete', old.rowid, old.text, old.title, old.summary);
END;
CREATE TRIGGER claims_au AFTER UPDATE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, title, summary) VALUES ('delete', old.rowid, old.text, old.title, old.summary);
    INSERT INTO claims_fts(rowid, text, title, summary) VALUES (new.rowid, new.text, new.title, new.summary);
END;

CREATE TABLE matches (
    item_id  TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    rank     INTEGER NOT NULL,
    score    REAL NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    evidence BLOB,
    matched  INTEGER NOT NULL,
    PRIMARY KEY (item_id, claim_id)
) WITHOUT ROWID;
CREATE INDEX matches_claim ON matches(claim_id, score DESC);
CREATE INDEX matches_decision ON matches(decision, matched);
