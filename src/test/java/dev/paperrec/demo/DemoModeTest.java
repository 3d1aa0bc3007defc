package dev.paperrec.demo;

import dev.paperrec.common.config.LaunchSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class DemoModeTest {

    private static final String KEYS = "ops:" + "0".repeat(64) + ":admin";
    private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    @Test
    void shouldHandOutNothingWhenDemoModeIsNotSwitchedOn() {
        assertThat(DemoMode.launchProperties(settings())).isEmpty();
        assertThat(DemoMode.launchProperties(settings(DemoMode.ENABLED, "false"))).isEmpty();
        assertThat(DemoMode.launchProperties(settings(DemoMode.HOST, "127.0.0.1"))).isEmpty();
    }

    @Test
    void shouldAcceptTheDemoKeyOnLoopbackInDemoModeWithoutKeys() {
        assertThat(DemoMode.launchProperties(settings(DemoMode.ENABLED, "true"))).containsOnly(
                entry(DemoMode.HOST, "127.0.0.1"),
                entry(DemoMode.API_KEYS, DemoMode.DEMO_KEY_ENTRY),
                entry(DemoMode.PUBLIC_DIGEST_PREVIEW, "true"),
                entry(DemoMode.CONSOLE, "true"),
                entry(DemoMode.MAILER_MOCK, "true"),
                entry(DemoMode.OUTBOX, "true"));
        assertThat(DemoMode.launchProperties(settings(DemoMode.ENABLED, "true", DemoMode.HOST, "::1")))
                .doesNotContainKey(DemoMode.HOST).containsEntry(DemoMode.API_KEYS, DemoMode.DEMO_KEY_ENTRY);
    }

    @Test
    void shouldKeepWhatTheOperatorSetInDemoMode() {
        Map<String, String> properties = DemoMode.launchProperties(settings(DemoMode.ENABLED, "true",
                DemoMode.API_KEYS, KEYS, DemoMode.HOST, "0.0.0.0", DemoMode.CONSOLE, "false",
                DemoMode.MAILER_HOST, "smtp.example.org"));
        assertThat(properties).isEmpty();
    }

    @Test
    void shouldKeepDemoDigestsInTheOutboxUnlessAnSmtpServerIsSet() {
        assertThat(DemoMode.launchProperties(settings(DemoMode.ENABLED, "true", DemoMode.API_KEYS, KEYS,
                DemoMode.HOST, "127.0.0.1"))).containsOnly(entry(DemoMode.CONSOLE, "true"), entry(DemoMode.MAILER_MOCK, "true"),
                        entry(DemoMode.OUTBOX, "true"));
        assertThat(DemoMode.launchProperties(settings(DemoMode.ENABLED, "true", DemoMode.API_KEYS, KEYS,
                DemoMode.HOST, "127.0.0.1", DemoMode.MAILER_HOST, "smtp.example.org"))).containsOnly(entry(DemoMode.CONSOLE, "true"));
    }

    @Test
    void shouldRefuseTheDemoKeyBeyondLoopback() {
        assertThatThrownBy(() -> DemoMode.launchProperties(settings(DemoMode.ENABLED, "true", DemoMode.HOST, "0.0.0.0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No API keys configured").hasMessageContaining("0.0.0.0");
    }

    @Test
    void shouldRefuseDemoModeWhereItIsForbidden() {
        assertThatThrownBy(() -> DemoMode.launchProperties(settings(DemoMode.ENABLED, "true",
                DemoMode.FORBIDDEN, "true", DemoMode.API_KEYS, KEYS)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forbidden");
        assertThat(DemoMode.launchProperties(settings(DemoMode.FORBIDDEN, "true"))).isEmpty();
        assertThatThrownBy(() -> DemoMode.requireAllowed(true, true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReadSwitchesAsTheApplicationConfigurationDoes() {
        for (String on : List.of("true", "TRUE", "1", "yes", "on")) {
            assertThat(DemoMode.flag(settings(DemoMode.ENABLED, on), DemoMode.ENABLED)).as(on).isTrue();
        }
        for (String off : List.of("false", "0", "no", "off")) {
            assertThat(DemoMode.flag(settings(DemoMode.ENABLED, off), DemoMode.ENABLED)).as(off).isFalse();
        }
    }

    @Test
    void shouldNeverStartTheContainerImageInDemoMode() throws IOException {
        Map<String, String> environment = imageEnvironment();
        environment.put("PAPERREC_SECURITY_API_KEYS", KEYS);
        environment.put("PAPERREC_DEMO_ENABLED", "true");
        assertThatThrownBy(() -> DemoMode.launchProperties(fromEnvironment(environment)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forbidden");
    }

    @Test
    void shouldTellLoopbackHostsWithoutLookingAnyNameUp() {
        assertThat(DemoMode.isLoopback("127.0.0.1")).isTrue();
        assertThat(DemoMode.isLoopback("localhost")).isTrue();
        assertThat(DemoMode.isLoopback("::1")).isTrue();
        assertThat(DemoMode.isLoopback("[::1]")).isTrue();
        assertThat(DemoMode.isLoopback("0.0.0.0")).isFalse();
        assertThat(DemoMode.isLoopback("192.0.2.2")).isFalse();
        assertThat(DemoMode.isLoopback("::")).isFalse();
        assertThat(DemoMode.isLoopback("cafe")).isFalse();
    }

    /** Settings as the launcher sees them, from key and value pairs. */
    private static Function<String, Optional<String>> settings(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return key -> Optional.ofNullable(values.get(key));
    }

    private static Function<String, Optional<String>> fromEnvironment(Map<String, String> environment) {
        return key -> Optional.ofNullable(environment.get(LaunchSettings.envName(key)));
    }

    /** The variables the Dockerfile's ENV instructions set. */
    private static Map<String, String> imageEnvironment() throws IOException {
        Map<String, String> environment = new HashMap<>();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.startsWith("ENV ")) {
                Matcher m = ENV_ASSIGNMENT.matcher(line.substring(4));
                while (m.find()) {
                    environment.put(m.group(1), m.group(2).replace("\"", ""));
                }
            }
        }
        assertThat(environment).as("ENV in " + DOCKERFILE).containsKey("JAVA_APP_JAR");
        return environment;
    }
}
