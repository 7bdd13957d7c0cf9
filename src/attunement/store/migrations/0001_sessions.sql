-- 0001: sessions and their reports.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,          -- content-derived session id
    source       TEXT NOT NULL,             -- path or name it was read from
    format       TEXT NOT NULL,
    n_utterances INTEGER NOT NULL,
    saved_at     TEXT NOT NULL,             -- ISO 8601, UTC
    session_json TEXT NOT NULL             -- attunement.session/1 document
);

CREATE TABLE reports (
    session_id   TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    version      TEXT NOT NULL,             -- attunement version that made it
    created_at   TEXT NOT NULL,
    report_json  TEXT NOT NULL             -- attunement.report/1 document
);
