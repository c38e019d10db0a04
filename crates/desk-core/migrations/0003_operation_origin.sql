-- Who a write speaks for: staff, or the customer at the counter (their
-- satisfaction score and comment). Staff views hide a customer's score.
ALTER TABLE operations ADD COLUMN origin TEXT NOT NULL DEFAULT 'staff'
    CHECK (origin IN ('staff', 'counter_survey'));
