package dev.paperrec.user;

import java.util.Map;

/** What an erasure removed, counted per section. */
public record ErasureReport(String userId, Map<String, Long> erased) {
}
