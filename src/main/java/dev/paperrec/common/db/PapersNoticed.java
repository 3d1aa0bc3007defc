package dev.paperrec.common.db;

import java.util.Set;

/** Fired when a change notice names papers another replica wrote, so that indexes held in memory follow them. */
public record PapersNoticed(Set<String> ids) {
}
