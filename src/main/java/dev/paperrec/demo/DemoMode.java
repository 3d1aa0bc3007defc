package dev.paperrec.demo;

import dev.paperrec.common.security.ApiKeys;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Demo mode, a local try-out switched on explicitly ({@code paperrec.demo.enabled=true}): demo data in an empty
 * catalogue, the web console, digests kept in its outbox unless an SMTP host is set, and, when no keys are configured, the documented all-roles demo key and key-less digest previews. The
 * launcher decides it before Quarkus boots, from system properties and environment variables, and passes the outcome
 * on as system properties.
 */
public final class DemoMode {

    private static final Logger LOG = Logger.getLogger(DemoMode.class);
    /** The documented key of demo mode, accepted only when the operator configured no keys. */
    public static final String DEMO_KEY = "paperrec-demo-key";
    static final String DEMO_KEY_ENTRY = "demo:" + ApiKeys.sha256Hex(DEMO_KEY) + ":ingest+read+admin";
    static final String LOOPBACK = "127.0.0.1";

    static final String ENABLED = "paperrec.demo.enabled";
    static final String FORBIDDEN = "paperrec.demo.forbidden";
    static final String HOST = "quarkus.http.host";
    static final String API_KEYS = "paperrec.security.api-keys";
    static final String PUBLIC_DIGEST_PREVIEW = "paperrec.security.public-digest-preview";
    static final String CONSOLE = "paperrec.console.enabled";
    static final String OUTBOX = "paperrec.console.outbox";
    static final String MAILER_MOCK = "quarkus.mailer.mock";
    static final String MAILER_HOST = "quarkus.mailer.host";

    // What SmallRye Config reads as true, so that the launcher and the application agree on a switch.
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "on");

    private DemoMode() {
    }

    /** Sets the system properties demo mode needs; a refusal to start is an {@link IllegalStateException}. */
    public static void apply(Function<String, Optional<String>> settings) {
        Map<String, String> properties = launchProperties(settings);
        properties.forEach(System::setProperty);
        if (properties.containsKey(API_KEYS)) {
            LOG.warnf("Demo mode: no API keys configured, so the demo key '%s' (all roles) is accepted, on %s only. "
                    + "Configure PAPERREC_SECURITY_API_KEYS to serve other machines.", DEMO_KEY,
                    settings.apply(HOST).orElse(LOOPBACK));
        } else if (flag(settings, ENABLED)) {
            LOG.info("Demo mode: demo data is loaded into an empty catalogue; the configured API keys apply");
        }
    }

    /**
     * The system properties demo mode adds to what the operator set ({@code settings}): none when it is off. In demo
     * mode the service listens on loopback unless a host is set, and the demo key is never accepted beyond loopback.
     */
    static Map<String, String> launchProperties(Function<String, Optional<String>> settings) {
        boolean enabled = flag(settings, ENABLED);
        requireAllowed(enabled, flag(settings, FORBIDDEN));
        Map<String, String> properties = new LinkedHashMap<>();
        if (!enabled) {
            return properties;
        }
        if (settings.apply(CONSOLE).isEmpty()) {
            properties.put(CONSOLE, "true");
        }
        // No SMTP server unless one is configured: digests go to the outbox the console lists, never to localhost:25.
        if (settings.apply(MAILER_HOST).isEmpty() && settings.apply(MAILER_MOCK).isEmpty()) {
            properties.put(MAILER_MOCK, "true");
            properties.put(OUTBOX, "true");
        }
        String host = settings.apply(HOST).orElse(null);
        if (host == null) {
            host = LOOPBACK;
            properties.put(HOST, host);
        }
        if (settings.apply(API_KEYS).isEmpty()) {
            if (!isLoopback(host)) {
                throw new IllegalStateException("No API keys configured and the HTTP host " + host + " is not "
                        + "loopback: demo mode accepts the demo key on loopback only. Configure "
                        + "PAPERREC_SECURITY_API_KEYS to serve other machines, or leave QUARKUS_HTTP_HOST unset.");
            }
            properties.put(API_KEYS, DEMO_KEY_ENTRY);
            // Demo readers are synthetic: their digest previews may open in a browser without a key.
            if (settings.apply(PUBLIC_DIGEST_PREVIEW).isEmpty()) {
                properties.put(PUBLIC_DIGEST_PREVIEW, "true");
            }
        }
        return properties;
    }

    /** Whether the configured keys are the demo key that demo mode hands out, so pages may offer it. */
    public static boolean acceptsDemoKey(List<String> apiKeys) {
        return apiKeys.contains(DEMO_KEY_ENTRY);
    }

    /** Refuses demo mode where it is forbidden: the container image forbids it. */
    static void requireAllowed(boolean enabled, boolean forbidden) {
        if (enabled && forbidden) {
            throw new IllegalStateException("Demo mode (PAPERREC_DEMO_ENABLED) is switched on where it is forbidden "
                    + "(PAPERREC_DEMO_FORBIDDEN, set in the container image): the demo is a local try-out. Leave "
                    + "PAPERREC_DEMO_ENABLED unset and configure PAPERREC_SECURITY_API_KEYS.");
        }
    }

    static boolean flag(Function<String, Optional<String>> settings, String key) {
        return settings.apply(key).map(v -> TRUE.contains(v.strip().toLowerCase())).orElse(false);
    }

    /** Whether {@code host} names this machine's loopback: {@code localhost} or a loopback address literal. */
    static boolean isLoopback(String host) {
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:]*]?")) {
            return false;
        }
        try {
            // A literal: parsed, never looked up.
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
