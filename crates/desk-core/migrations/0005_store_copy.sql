-- The store's copy: the store's most recent tickets as Ping last listed
-- them, each read in full in the background so the desk knows them
-- offline. The tickets themselves live in `tickets`; this says which belong
-- to the copy and how far the background reads have got, so a restart
-- resumes where it stopped.
CREATE TABLE store_copy (
    ticket_number  TEXT PRIMARY KEY,
    -- Status, priority, subject and category as the listing showed them:
    -- when they change, the ticket is read in full again.
    summary        TEXT NOT NULL,
    listed_at      INTEGER NOT NULL,                   -- unix ms of the listing that had it
    full_at        INTEGER                             -- unix ms of its last full read; NULL: still to read
);
CREATE INDEX store_copy_by_full_at ON store_copy (full_at);
