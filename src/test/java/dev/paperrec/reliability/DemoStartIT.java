package dev.paperrec.reliability;

import dev.paperrec.demo.DemoMode;
import dev.paperrec.testsupport.PackagedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Demo mode, switched on explicitly, hands the all-roles demo key out on loopback only; told to listen elsewhere
 * without keys, the service refuses to start rather than hand it out there. A start that configures nothing
 * (embedded database, no keys, no demo switch) hands out no key at all: it refuses to start and says how to go on.
 */
class DemoStartIT {

    private static final Path LOGS = Path.of("target", "reliability");

    @TempDir
    Path work;

    @Test
    void shouldHandTheDemoKeyOutOnLoopbackOnly() throws Exception {
        PackagedApp.Launch launch = new PackagedApp.Launch().embedded(work.resolve("pg"), 0).withoutKeys().demo();
        try (PackagedApp app = launch.start(LOGS.resolve("demo-start.log"))) {
            assertThat(LOGS.resolve("demo-start.log")).content().contains("Listening on: http://127.0.0.1:" + app.port());
            HttpResponse<String> papers = app.send(HttpRequest.newBuilder(app.uri("/api/v1/papers?limit=1"))
                    .header("X-API-Key", DemoMode.DEMO_KEY).build());
            assertThat(papers.statusCode()).as(papers.body()).isEqualTo(200);
            Optional<InetAddress> other = nonLoopbackAddress();
            if (other.isPresent()) {
                assertThatThrownBy(() -> connect(other.get(), app.port()))
                        .as("the port on %s", other.get()).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void shouldRefuseToStartWithoutKeysOnAnotherHost() {
        PackagedApp.Launch launch = new PackagedApp.Launch().embedded(work.resolve("pg-any"), 0).withoutKeys()
                .demo().env("QUARKUS_HTTP_HOST", "0.0.0.0");
        assertThatThrownBy(() -> launch.start(LOGS.resolve("demo-start-any-host.log")))
                .hasMessageContaining("exited").hasMessageContaining("No API keys configured")
                .hasMessageContaining("is not loopback");
    }

    @Test
    void shouldRefuseToStartWhenNothingIsConfigured() {
        PackagedApp.Launch launch = new PackagedApp.Launch().embedded(work.resolve("pg-nothing"), 0).withoutKeys()
                .unset("PAPERREC_DEMO_ENABLED").unset("PAPERREC_DIGEST_TOKEN_SECRET");
        assertThatThrownBy(() -> launch.start(LOGS.resolve("demo-start-nothing.log")))
                .hasMessageContaining("exited").hasMessageContaining("No API keys configured")
                .hasMessageContaining("PAPERREC_DEMO_ENABLED=true");
        assertThat(LOGS.resolve("demo-start-nothing.log")).content().doesNotContain(DemoMode.DEMO_KEY);
    }

    @Test
    void shouldRefuseDemoModeWhereTheImageForbidsIt() {
        PackagedApp.Launch launch = new PackagedApp.Launch().embedded(work.resolve("pg-image"), 0).demo()
                .env("PAPERREC_DEMO_FORBIDDEN", "true");
        assertThatThrownBy(() -> launch.start(LOGS.resolve("demo-start-forbidden.log")))
                .hasMessageContaining("exited").hasMessageContaining("forbidden");
        assertThat(work.resolve("pg-image")).as("refused before any database starts").doesNotExist();
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
