-- The evaluation report last uploaded to the operator view, kept as uploaded (the evaluator's JSON Lines) so that
-- every replica shows it and a restart keeps it. One row: an upload replaces it.
CREATE TABLE console_evaluation_report (
    id          SMALLINT    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    source      TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
