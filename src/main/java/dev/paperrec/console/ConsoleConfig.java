package dev.paperrec.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** The web console: reader view at {@code /}, operator view at {@code /console}, a page per paper. */
@ConfigMapping(prefix = "paperrec.console")
public interface ConsoleConfig {

    /** Serve the console pages; demo mode switches it on, elsewhere it is off unless set. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Keep every sent message in the outbox table, listed in the operator view. Demo mode switches it on together with
     * the mailer's mock mode, so that digests reach the outbox and no SMTP server is tried.
     */
    @WithDefault("false")
    boolean outbox();

    /** The evaluator's JSON Lines report the operator view plots until one is uploaded; unset: none. */
    Optional<Path> evaluationReport();

    /** Readers listed for picking in the reader view: those with the most events. */
    @WithDefault("12")
    int readersListed();
}
