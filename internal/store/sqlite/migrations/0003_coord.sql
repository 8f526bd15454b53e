-- 0003: coordination runs: networks of accounts or outlets that post the same thing in lockstep.
-- Each fimi coord run is kept whole (its networks, actors and kept edges as JSON documents
-- beside the columns queries filter on); older runs are pruned by the writer.
CREATE TABLE coord_runs (
    id         INTEGER PRIMARY KEY,
    created    INTEGER NOT NULL,
    by_kind    TEXT NOT NULL,        -- account or outlet
    options    TEXT NOT NULL,        -- JSON
    stats      TEXT NOT NULL,        -- JSON
    modularity REAL NOT NULL DEFAULT 0
);
CREATE TABLE coord_networks (
    run     INTEGER NOT NULL REFERENCES coord_runs(id) ON DELETE CASCADE,
    id      TEXT NOT NULL,
    members INTEGER NOT NULL,
    score   REAL NOT NULL,
    data    TEXT NOT NULL,           -- JSON
    PRIMARY KEY (run, id)
) WITHOUT ROWID;
CREATE TABLE coord_actors (
    run     INTEGER NOT NULL REFERENCES coord_runs(id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    network TEXT NOT NULL DEFAULT '',
    score   REAL NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (run, name)
) WITHOUT ROWID;
CREATE INDEX coord_actors_network ON coord_actors(run, network, score DESC);
CREATE TABLE coord_edges (
    run     INTEGER NOT NULL REFERENCES coord_runs(id) ON DELETE CASCADE,
    a       TEXT NOT NULL,
    b       TEXT NOT NULL,
    kind    TEXT NOT NULL,
    weight  REAL NOT NULL,
    network TEXT NOT NULL DEFAULT '', -- set when both ends are in the same network
    data    TEXT NOT NULL,
    PRIMARY KEY (run, a, b, kind)
) WITHOUT ROWID;
CREATE INDEX coord_edges_network ON coord_edges(run, network, weight DESC);
