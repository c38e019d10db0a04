-- For a comment: the publicIds of comments with the same text already on the
-- ticket, read just before its first send (a JSON array). NULL until read,
-- which also means the comment was never sent. A lost answer's look on the
-- server skips these: they are someone else's, not ours.
ALTER TABLE operations ADD COLUMN seen_before TEXT;

-- Comments an older version may have sent: nothing known to skip, as before.
UPDATE operations SET seen_before = '[]'
 WHERE kind = 'add_comment' AND state IN ('in_flight', 'in_doubt');
