-- Double opt-in: nothing is sent to an address until its owner follows the confirmation link sent to it
-- (ConfirmResource). A changed address needs confirming again. Subscriptions made before this migration are kept
-- as confirmed, so that an upgrade does not stop digests that readers already receive.
ALTER TABLE digest_subscription ADD COLUMN confirmed_at TIMESTAMPTZ;
ALTER TABLE digest_subscription ADD COLUMN confirmation_sent_at TIMESTAMPTZ;
UPDATE digest_subscription SET confirmed_at = created_at;
CREATE INDEX digest_subscription_unconfirmed_idx ON digest_subscription (user_id)
    WHERE confirmed_at IS NULL AND confirmation_sent_at IS NULL;
