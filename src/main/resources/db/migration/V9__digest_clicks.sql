-- Clicks on digest links. A click becomes a read only once the burst window after it has passed (ClickService):
-- mail scanners open every link of a message within seconds of delivery, and those clicks must not count.
-- Erased with the digest it belongs to, so no settled click can re-create an erased reader's events.
CREATE TABLE digest_click (
    digest_id  BIGINT       NOT NULL REFERENCES digest (id) ON DELETE CASCADE,
    paper_id   VARCHAR(128) NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    clicked_at TIMESTAMPTZ  NOT NULL,
    -- NULL while pending; 'read' when counted; 'too-soon' (within the grace after sending) or 'burst' when not.
    outcome    VARCHAR(8)   CHECK (outcome IN ('read', 'too-soon', 'burst')),
    PRIMARY KEY (digest_id, paper_id)
);
CREATE INDEX digest_click_pending_idx ON digest_click (clicked_at) WHERE outcome IS NULL;
