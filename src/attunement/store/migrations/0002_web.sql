-- 0002: accounts, supervision and the audit log for the web app.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('trainee', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE assignments (
    supervisor_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    trainee_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (supervisor_id, trainee_id)
);

CREATE TABLE ownership (
    session_id   TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    owner_id     INTEGER NOT NULL REFERENCES users(id),
    pseudonym    TEXT NOT NULL DEFAULT '',
    session_date TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'queued',   -- queued | analysing | ready | failed
    error        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE comments (
    id              INTEGER PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    utterance_index INTEGER,
    author_id       INTEGER NOT NULL REFERENCES users(id),
    kind            TEXT NOT NULL CHECK (kind IN ('comment', 'agree', 'disagree', 'discuss', 'reaction')),
    code            TEXT NOT NULL DEFAULT '',       -- for agree/disagree: which code, and the corrected value
    correction      TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL DEFAULT '',
    parent_id       INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL
);

CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    at     TEXT NOT NULL
);
