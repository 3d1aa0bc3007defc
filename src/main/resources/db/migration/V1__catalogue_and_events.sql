-- Papers are never deleted: a withdrawn paper keeps its row (and its events) but leaves every listing.
CREATE TABLE paper (
    id           VARCHAR(128) PRIMARY KEY,
    title        TEXT         NOT NULL,
    abstract     TEXT,
    authors      TEXT[]       NOT NULL DEFAULT '{}',
    published_at DATE,
    tags         TEXT[]       NOT NULL DEFAULT '{}',
    url          TEXT,
    upvotes      BIGINT       NOT NULL DEFAULT 0 CHECK (upvotes >= 0),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    withdrawn_at TIMESTAMPTZ,
    -- Sentence embedding of title + abstract, filled in the background after ingest (NULL until then).
    embedding    REAL[],
    search       TSVECTOR GENERATED ALWAYS AS (
                     setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                     setweight(to_tsvector('english', coalesce(abstract, '')), 'B')) STORED
);
CREATE INDEX paper_search_idx ON paper USING GIN (search);
CREATE INDEX paper_listing_idx ON paper (published_at DESC NULLS LAST, id) WHERE withdrawn_at IS NULL;
CREATE INDEX paper_updated_idx ON paper (updated_at);

-- Append-only event log; the model is built from it. event_id is the client's idempotency key.
CREATE TABLE interaction (
    id          BIGSERIAL    PRIMARY KEY,
    event_id    VARCHAR(128) UNIQUE,
    user_id     VARCHAR(128) NOT NULL,
    paper_id    VARCHAR(128) NOT NULL REFERENCES paper (id),
    type        VARCHAR(16)  NOT NULL CHECK (type IN ('read', 'upvote', 'unupvote', 'dismiss')),
    occurred_at TIMESTAMPTZ  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX interaction_user_idx ON interaction (user_id, occurred_at DESC, id DESC);
CREATE INDEX interaction_paper_idx ON interaction (paper_id);
-- Per-request read of a user's events newer than the loaded model.
CREATE INDEX interaction_user_id_idx ON interaction (user_id, id);
CREATE INDEX interaction_recent_idx ON interaction (occurred_at);

-- Erasure is audited without personal data: the user id is stored only as a SHA-256 digest.
CREATE TABLE erasure_audit (
    id            BIGSERIAL   PRIMARY KEY,
    subject_hash  CHAR(64)    NOT NULL,
    requested_by  VARCHAR(128) NOT NULL,
    erased_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    events_erased BIGINT      NOT NULL
);
