-- Ping Desk's local store. Every write staff make is an operation here first,
-- committed before anything is sent, so nothing typed is lost; the sync
-- engine delivers operations to Ping exactly once.

CREATE TABLE operations (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,  -- global order of enqueueing
    id             TEXT NOT NULL UNIQUE,               -- client-generated UUIDv7
    kind           TEXT NOT NULL CHECK (kind IN ('create_ticket', 'update_ticket', 'add_comment')),
    -- The ticket the operation belongs to: the local reference for tickets
    -- created on this desk (also after Ping numbered them), else the number.
    -- Operations with the same key are sent strictly in seq order.
    ticket_key     TEXT NOT NULL,
    payload        TEXT NOT NULL,                      -- JSON: NewTicket, TicketUpdate or NewComment
    state          TEXT NOT NULL CHECK (state IN ('queued', 'in_flight', 'in_doubt', 'failed', 'done', 'discarded')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    not_before     INTEGER NOT NULL DEFAULT 0,         -- unix ms: backoff
    first_sent_at  INTEGER,                            -- unix ms of the first attempt
    last_error_code    TEXT,
    last_error_message TEXT,
    result         TEXT,                               -- ticket number (create) or comment publicId
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX operations_by_state ON operations (state, seq);
CREATE INDEX operations_by_ticket ON operations (ticket_key, seq);

-- Tickets created on this desk: the reference staff see at once, and the
-- number Ping gives when it accepts the create.
CREATE TABLE local_tickets (
    local_ref      TEXT PRIMARY KEY,
    op_id          TEXT NOT NULL UNIQUE REFERENCES operations (id),
    ticket_number  TEXT UNIQUE,
    created_at     INTEGER NOT NULL
);

-- Tickets read from Ping, for offline lists and views. `data` is the merged
-- JSON of everything Ping has sent about the ticket; `complete` is 1 once a
-- full ticket (create or get answer) has been seen, not just a list summary.
CREATE TABLE tickets (
    ticket_number  TEXT PRIMARY KEY,
    data           TEXT NOT NULL,
    complete       INTEGER NOT NULL DEFAULT 0,
    status         TEXT,
    priority       TEXT,
    category       TEXT,
    channel        TEXT,
    country        TEXT,
    store_region   TEXT,
    customer_phone TEXT,
    customer_email TEXT,
    date_created   TEXT,
    -- Newest first: creation second << 20 | 20 bits of the number (unique).
    sort_key       INTEGER NOT NULL UNIQUE,
    fetched_at     INTEGER NOT NULL
);
CREATE INDEX tickets_by_phone ON tickets (customer_phone);
CREATE INDEX tickets_by_email ON tickets (customer_email COLLATE NOCASE);

-- Full-text search over cached tickets; rowid = tickets.sort_key, so
-- matches come out of the index newest first. Words match
-- by prefix (prefix indexes make that cheap); a phone is indexed in its
-- international and local forms so "0772 98" finds +263772987654.
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
    ticket_number, subject, description, customer_name, customer_phone, customer_email,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

CREATE TABLE comments (
    ticket_number  TEXT NOT NULL,
    public_id      TEXT NOT NULL,
    position       INTEGER NOT NULL,                   -- order in Ping's list
    data           TEXT NOT NULL,
    fetched_at     INTEGER NOT NULL,
    PRIMARY KEY (ticket_number, public_id)
);
-- When a ticket's thread (with internal comments) was last read in full.
CREATE TABLE comment_threads (
    ticket_number  TEXT PRIMARY KEY,
    fetched_at     INTEGER NOT NULL
);

-- Forms in progress, restored after a crash or restart.
CREATE TABLE drafts (
    key            TEXT PRIMARY KEY,
    data           TEXT NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE meta (
    key            TEXT PRIMARY KEY,
    value          TEXT NOT NULL
);
