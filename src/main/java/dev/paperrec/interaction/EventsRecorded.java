package dev.paperrec.interaction;

import java.util.Set;

/** Fired after events were committed, so that models can count them and refresh the users' views. */
public record EventsRecorded(Set<String> userIds, long count) {
}
