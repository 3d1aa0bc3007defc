package dev.paperrec.recommend;

import java.util.Locale;

/** What a user did with a paper; {@link #wireName()} is the lower-case name used in APIs and files. */
public enum EventType {
    READ, UPVOTE, UNUPVOTE, DISMISS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
