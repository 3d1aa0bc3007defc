-- An eventId is the client's idempotency key for one user's events: two users may use the same one (their clients
-- number events independently), and neither event may be dropped as the other's duplicate.
ALTER TABLE interaction ADD CONSTRAINT interaction_user_event_id_key UNIQUE (user_id, event_id);
ALTER TABLE interaction DROP CONSTRAINT interaction_event_id_key;
