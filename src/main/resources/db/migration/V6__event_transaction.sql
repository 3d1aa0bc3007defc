-- The transaction that stored each event. Ids come from a sequence and are taken at insert, not at commit, so an
-- event with a lower id may commit after a model's snapshot saw a higher one. A model keeps its snapshot
-- (pg_current_snapshot) instead of the highest id, and reads as newer exactly the events that snapshot could not
-- see (ModelSource.eventsSince). Rows stored before this migration have no transaction: every snapshot sees them.
ALTER TABLE interaction ADD COLUMN tx xid8;
ALTER TABLE interaction ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
-- Per-request read of a user's events newer than the loaded model: only transactions from the snapshot's xmin on.
CREATE INDEX interaction_user_tx_idx ON interaction (user_id, tx);
DROP INDEX interaction_user_id_idx;
