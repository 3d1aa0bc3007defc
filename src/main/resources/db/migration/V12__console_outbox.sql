-- The console's outbox: every message the service sent while paperrec.console.outbox is on (demo mode, where no
-- SMTP server is tried), kept exactly as sent, HTML and text, for the operator view to list.
CREATE TABLE outbox_message (
    id         BIGSERIAL   PRIMARY KEY,
    sent_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sender     TEXT,
    recipients TEXT        NOT NULL,
    subject    TEXT,
    text_body  TEXT,
    html_body  TEXT,
    -- The subscribers the message went to, so that a user's export and erasure find it.
    user_ids   TEXT[]      NOT NULL DEFAULT '{}'
);
