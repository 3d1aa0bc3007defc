package dev.paperrec.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Fixture for ConfigurationKeys: a mapping with a renamed property, a nested group and a map of groups. */
@ConfigMapping(prefix = "paperrec.digest")
public interface DigestConfig {

    /** Whether the in-process schedule runs digest rounds. */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** How many papers one digest lists. */
    @WithName("papers-per-digest")
    @WithDefault("10")
    int size();

    /** Sender settings. */
    Sender sender();

    /** Per-channel overrides, keyed by channel name. */
    Map<String, Channel> channels();

    /** Not a property: default methods are ignored. */
    default boolean enabled() {
        return schedulerEnabled();
    }

    interface Sender {
        /** Reply-to address; none when absent. */
        Optional<String> replyTo();

        /** Pause between two messages. */
        @WithDefault("100ms")
        Duration pause();
    }

    interface Channel {
        /** Hash of the channel's API key. */
        String hash();
    }
}
