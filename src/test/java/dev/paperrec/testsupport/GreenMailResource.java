package dev.paperrec.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free port for every Quarkus test, so digests go through the mailer's SMTP
 * client as in production. Tests find their messages by recipient, and may stop and restart the server to see
 * sends fail and recover.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static ServerSetup setup;
    private static GreenMail server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            setup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            startServer();
        }
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(setup.getPort()),
                "quarkus.mailer.from", "paper-recommender <digests@example.org>",
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // Kept for the next Quarkus test class, like the database.
    }

    /** Messages received so far for {@code address}. */
    public static synchronized List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> isTo(m, address)).toList();
    }

    /** Stops the SMTP server: connections are refused until {@link #restart}. */
    public static synchronized void stopServer() {
        server.stop();
    }

    public static synchronized void restart() {
        startServer();
    }

    /**
     * Replaces the SMTP server with one that accepts connections and never answers, as a hung server does, until
     * the returned handle is closed (which brings GreenMail back).
     */
    public static synchronized AutoCloseable silence() throws IOException {
        server.stop();
        ServerSocket silent = new ServerSocket(setup.getPort(), 50, java.net.InetAddress.getByName("127.0.0.1"));
        List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (!silent.isClosed()) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // closed by the handle
            }
        }, "silent-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
        return () -> {
            silent.close();
            for (java.net.Socket socket : held) {
                socket.close();
            }
            restart();
        };
    }

    private static void startServer() {
        server = new GreenMail(setup);
        server.start();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 on): while the server is stopped or silenced, an outgoing
     * connection could otherwise take its port as its own local port, and the restart could not bind it again.
     */
    private static int freePort() {
        java.util.Random random = new java.util.Random();
        IOException last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new UncheckedIOException("no free port for the SMTP server", last);
    }
}
