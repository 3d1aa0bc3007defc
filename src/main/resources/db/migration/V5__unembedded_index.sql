-- The background embedder polls for papers without an embedding every few seconds on every replica
-- (ModelSource.unembedded). Without this index that poll is a sequential scan of the whole catalogue, embeddings
-- included, even when nothing waits; with it, a scan of an index that holds only the waiting papers.
CREATE INDEX paper_unembedded_idx ON paper (created_at, id) WHERE embedding IS NULL AND withdrawn_at IS NULL;
