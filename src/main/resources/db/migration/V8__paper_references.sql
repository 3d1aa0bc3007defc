-- The works a paper cites, in ReferenceIds' stored form: a catalogue paper id, arXiv:<id> (no version) or
-- doi:<lower-case doi>. No foreign key on ref: a cited paper may arrive later, and links up by its id or aliases
-- when the model is built or the paper is ingested.
CREATE TABLE paper_reference (
    paper_id VARCHAR(128) NOT NULL REFERENCES paper (id),
    ref      VARCHAR(300) NOT NULL,
    -- Order as the client listed the references, so a GET returns them as they were given.
    position INT          NOT NULL CHECK (position >= 0),
    PRIMARY KEY (paper_id, ref)
);
-- Who cites a paper: read when a paper arrives after the build, to find the papers already citing it.
CREATE INDEX paper_reference_ref_idx ON paper_reference (ref, paper_id);

-- Citation neighbours may be precomputed outside the service too, as their own kind of batch.
ALTER TABLE neighbour_batch DROP CONSTRAINT neighbour_batch_kind_check;
ALTER TABLE neighbour_batch ADD CONSTRAINT neighbour_batch_kind_check CHECK (kind IN ('collaborative', 'citation'));
