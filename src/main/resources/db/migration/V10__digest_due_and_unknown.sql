-- Digest rounds read only the subscriptions that are due, in pages (DigestDelivery), not every subscriber.
-- A round sets next_due_at to the next send slot once the period is settled, or to the retry time.
ALTER TABLE digest_subscription ADD COLUMN next_due_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX digest_subscription_due_idx ON digest_subscription (next_due_at);

-- A send whose SMTP call timed out may have been delivered: UNKNOWN is never sent again, and counts as sent for
-- the papers the next digest leaves out, for where its period starts, and for its links.
ALTER TABLE digest DROP CONSTRAINT digest_status_check;
ALTER TABLE digest ADD CONSTRAINT digest_status_check
    CHECK (status IN ('CLAIMED', 'SENT', 'FAILED', 'SKIPPED', 'UNKNOWN'));
DROP INDEX digest_user_sent_idx;
CREATE INDEX digest_user_sent_idx ON digest (user_id, sent_at DESC) WHERE status IN ('SENT', 'UNKNOWN');
