package dev.paperrec.interaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user did with a paper. */
public enum EventType {
    /** Opened or read the paper. */
    READ,
    /** Upvoted it: the strongest positive signal. */
    UPVOTE,
    /** Took a previous upvote back. */
    UNUPVOTE,
    /** "Not interested": never recommend it again, never a positive signal. */
    DISMISS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A wire name in any case, with surrounding spaces (data files); throws for anything else. */
    public static EventType fromWireName(String name) {
        return parse(name.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
                "unknown event type '" + name + "'; expected one of read, upvote, unupvote, dismiss"));
    }

    public static Optional<EventType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }

    @JsonCreator
    static EventType fromJson(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown event type '" + value + "'; expected one of read, upvote, unupvote, dismiss"));
    }
}
