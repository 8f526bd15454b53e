-- 0004: echoes: verified pairs of items that copy, reword or translate each other, and the echo
-- groups they form. A group's id is stable ("g-" + its first-seen item); when a group is absorbed
-- by an older one its id is kept as an alias so that links to it keep working.
CREATE TABLE echo_pairs (
    a          TEXT NOT NULL,        -- the earlier item
    b          TEXT NOT NULL,        -- the later item, which repeats a
    relation   TEXT NOT NULL,        -- copy, rewording or translation
    similarity REAL NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '{}',
    found      INTEGER NOT NULL,     -- unix milliseconds
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX echo_pairs_b ON echo_pairs(b);
CREATE TABLE echo_groups (
    id         TEXT PRIMARY KEY,
    first_item TEXT NOT NULL,
    first_seen INTEGER NOT NULL,     -- unix milliseconds
    last_seen  INTEGER NOT NULL,
    size       INTEGER NOT NULL,
    outlets    INTEGER NOT NULL,
    accounts   INTEGER NOT NULL,
    langs      TEXT NOT NULL,        -- ",de,ru," for filtering
    last_day   INTEGER NOT NULL,     -- members in the 24 hours up to last_seen
    data       TEXT NOT NULL         -- JSON snapshot of the group, without its members
) WITHOUT ROWID;
CREATE INDEX echo_groups_size ON echo_groups(size DESC);
CREATE INDEX echo_groups_last ON echo_groups(last_seen DESC);
CREATE TABLE echo_members (
    item       TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL,
    via        TEXT NOT NULL DEFAULT '', -- the earlier item it was found to repeat
    relation   TEXT NOT NULL DEFAULT '',
    similarity REAL NOT NULL DEFAULT 0,
    joined     INTEGER NOT NULL          -- order of joining (unix milliseconds of the item's time)
) WITHOUT ROWID;
CREATE INDEX echo_members_group ON echo_members(group_id, joined);
CREATE TABLE echo_aliases (
    old TEXT PRIMARY KEY,
    id  TEXT NOT NULL
) WITHOUT ROWID;
