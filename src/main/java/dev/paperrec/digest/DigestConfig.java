package dev.paperrec.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Duration;

/** Digest emails: schedule, composition, delivery retries and the signed links they carry. */
@ConfigMapping(prefix = "paperrec.digest")
public interface DigestConfig {

    /** Whether this replica runs digest rounds on its own schedule (off when a CronJob calls the admin endpoint). */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** How often the schedule looks for due digests; read by the scheduler as {@code paperrec.digest.poll-interval}. */
    @WithDefault("PT5M")
    Duration pollInterval();

    /** HMAC-SHA256 key of unsubscribe and click links (at least 32 characters); required in production. */
    @Size(min = 32)
    String tokenSecret();

    /** Base URL of this service as readers reach it; links in digests start with it. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** How long unsubscribe and click links stay valid after a digest is sent. */
    @WithDefault("P60D")
    Duration linkValidity();

    /** Papers in the "For you" section. */
    @WithDefault("8")
    @Min(1)
    @Max(50)
    int forYouSize();

    /** Papers in the "Trending" section (a reader without history gets only this section). */
    @WithDefault("5")
    @Min(1)
    @Max(50)
    int trendingSize();

    /** Digests composed and sent at the same time in one round. */
    @WithDefault("4")
    @Min(1)
    @Max(64)
    int concurrency();

    /** Sending attempts per digest before it is left FAILED for good. */
    @WithDefault("5")
    @Min(1)
    int maxAttempts();

    /** Wait before the first retry of a failed send; doubled after each further failure. */
    @WithDefault("PT5M")
    Duration retryBackoff();

    /** Longest wait for the SMTP server to accept one message; a send that takes longer is recorded as UNKNOWN. */
    @WithDefault("PT60S")
    Duration sendTimeout();

    /** How long a claimed digest belongs to its sender; after that another round may claim it again. */
    @WithDefault("PT10M")
    Duration claimLease();

    /**
     * Clicks this soon after a digest was sent are not counted as reads: mail scanners open links on delivery. The
     * reader is still sent to the paper.
     */
    @WithDefault("PT60S")
    Duration clickGrace();

    /** Distinct links of one digest clicked within {@link #clickBurstWindow()} of each other that make a burst. */
    @WithDefault("5")
    @Min(2)
    int clickBurstLinks();

    /**
     * A burst of clicks (a scanner following every link) counts no read. A click is settled once this long has
     * passed after it, read by the scheduler as {@code paperrec.digest.click-burst-window}.
     */
    @WithDefault("PT10S")
    Duration clickBurstWindow();
}
