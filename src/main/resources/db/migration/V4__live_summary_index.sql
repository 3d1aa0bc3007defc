-- Every recommendation answer checks which of its papers are still live (ModelSource.liveSummaries). With the
-- date and the time of the last change in the index, that check is an index-only scan of a small index instead of
-- a heap page per paper; titles come from the model unless the paper changed since it was built. (Titles are not
-- included: a long title could exceed the largest index entry.)
CREATE INDEX paper_live_summary_idx ON paper (id) INCLUDE (published_at, updated_at) WHERE withdrawn_at IS NULL;
