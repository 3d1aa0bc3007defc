package dev.paperrec.paper;

import java.util.Set;

/** Fired after a commit that created, replaced or withdrew papers, so derived models can follow at once. */
public record PapersChanged(Set<String> upserted, Set<String> withdrawn) {
}
