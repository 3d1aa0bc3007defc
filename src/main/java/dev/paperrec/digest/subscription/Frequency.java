package dev.paperrec.digest.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a reader gets a digest. */
public enum Frequency {
    DAILY,
    WEEKLY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Frequency> parse(String value) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(value)).findFirst();
    }

    @JsonCreator
    static Frequency fromJson(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown frequency '" + value + "'; expected daily or weekly"));
    }
}
