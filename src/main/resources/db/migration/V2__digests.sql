-- One digest subscription per user; erased with the user (DigestUserData).
CREATE TABLE digest_subscription (
    user_id    VARCHAR(128) PRIMARY KEY,
    email      VARCHAR(254) NOT NULL,
    frequency  VARCHAR(8)   NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    -- IANA region id such as Europe/Paris: send times follow its daylight saving changes.
    timezone   VARCHAR(64)  NOT NULL,
    send_hour  SMALLINT     NOT NULL CHECK (send_hour BETWEEN 0 AND 23),
    -- Weekly digests only; NULL for daily ones.
    weekday    VARCHAR(9)   CHECK (weekday IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY',
                                               'SUNDAY')),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK ((frequency = 'weekly') = (weekday IS NOT NULL))
);

-- One row per user and period: the UNIQUE constraint is what makes a digest go out at most once per period,
-- however many replicas run a round at the same moment. A sender claims the row before composing and sending.
CREATE TABLE digest (
    id              BIGSERIAL    PRIMARY KEY,
    user_id         VARCHAR(128) NOT NULL,
    -- "daily:2026-11-27" or "weekly:2026-11-23": the frequency and the local date of the period's send slot.
    period_key      VARCHAR(32)  NOT NULL,
    status          VARCHAR(8)   NOT NULL CHECK (status IN ('CLAIMED', 'SENT', 'FAILED', 'SKIPPED')),
    attempts        INT          NOT NULL DEFAULT 1,
    -- A CLAIMED row whose lease has run out belongs to a crashed sender and may be claimed again.
    lease_until     TIMESTAMPTZ,
    -- When a FAILED digest may be tried again; NULL once the attempts are used up.
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    UNIQUE (user_id, period_key)
);
CREATE INDEX digest_user_sent_idx ON digest (user_id, sent_at DESC) WHERE status = 'SENT';
CREATE INDEX digest_recent_idx ON digest (created_at);

-- The papers each sent digest listed: a paper is never sent to the same user twice.
CREATE TABLE digest_item (
    digest_id BIGINT       NOT NULL REFERENCES digest (id) ON DELETE CASCADE,
    user_id   VARCHAR(128) NOT NULL,
    paper_id  VARCHAR(128) NOT NULL,
    section   VARCHAR(16)  NOT NULL,
    position  INT          NOT NULL,
    PRIMARY KEY (digest_id, paper_id)
);
CREATE INDEX digest_item_user_idx ON digest_item (user_id, paper_id);
