package dev.paperrec.common.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Settings the launcher reads before Quarkus boots, when no configuration is loaded yet: a system property, else
 * its environment variable ({@link #envName}). Blank counts as unset.
 */
public final class LaunchSettings {

    private LaunchSettings() {
    }

    public static Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(envName(key));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** The environment variable of a key: {@code paperrec.demo.enabled} is {@code PAPERREC_DEMO_ENABLED}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
