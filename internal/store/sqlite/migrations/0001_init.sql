-- 0001: items, their raw records, fetch validators, ingest runs, full-text index.
-- Sources (accounts, channels, outlets) are derived from items by query.
CREATE TABLE items (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    platform   TEXT    NOT NULL,
    native_id  TEXT    NOT NULL DEFAULT '',
    account    TEXT    NOT NULL DEFAULT '',
    author     TEXT    NOT NULL DEFAULT '',
    outlet     TEXT    NOT NULL DEFAULT '',
    url        TEXT    NOT NULL DEFAULT '',
    title      TEXT    NOT NULL DEFAULT '',
    text       TEXT    NOT NULL DEFAULT '',
    lang       TEXT    NOT NULL DEFAULT '',
    published  INTEGER,              -- Unix milliseconds, NULL when unknown
    ingested   INTEGER NOT NULL,     -- Unix milliseconds
    hash       TEXT    NOT NULL DEFAULT '',
    urls       TEXT    NOT NULL DEFAULT '[]', -- JSON array
    hashtags   TEXT    NOT NULL DEFAULT '[]',
    mentions   TEXT    NOT NULL DEFAULT '[]',
    shares     TEXT    NOT NULL DEFAULT '',
    reply_to   TEXT    NOT NULL DEFAULT '',
    views      INTEGER NOT NULL DEFAULT 0,
    raw        BLOB,
    raw_hash   TEXT    NOT NULL DEFAULT '',
    origin     TEXT    NOT NULL DEFAULT '',
    format     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX items_published ON items(published);
CREATE INDEX items_account ON items(account);

-- Further distinct raw records of an item (the first is in items.raw).
CREATE TABLE item_raws (
    item_rowid INTEGER NOT NULL REFERENCES items(rowid),
    raw_hash   TEXT    NOT NULL,
    origin     TEXT    NOT NULL,
    format     TEXT    NOT NULL,
    seen       INTEGER NOT NULL,
    raw        BLOB    NOT NULL,
    PRIMARY KEY (item_rowid, raw_hash)
) WITHOUT ROWID;

CREATE TABLE fetch_validators (
    url           TEXT PRIMARY KEY,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    updated       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE runs (
    id        INTEGER PRIMARY KEY,
    started   INTEGER NOT NULL,
    finished  INTEGER NOT NULL,
    inputs    TEXT    NOT NULL,
    read      INTEGER NOT NULL,
    added     INTEGER NOT NULL,
    merged    INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected  INTEGER NOT NULL,
    rejects   TEXT    NOT NULL DEFAULT '',
    error     TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text index over title and text; external content, kept up to date in bulk: rows with
-- rowid above meta.fts_watermark are not yet indexed.
CREATE VIRTUAL TABLE items_fts USING fts5(
    title, text,
    content = 'items', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- A 16 MiB in-memory term hash per transaction: fewer, larger segments on bulk loads.
INSERT INTO items_fts(items_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO meta(key, value) VALUES ('fts_watermark', '0');
