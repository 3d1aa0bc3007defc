package dev.paperrec.console.operator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Short-lived signed links to a message as mailed, for the operator view to frame: a frame cannot send the API key,
 * so the link carries an HMAC of what it shows and until when, under a key made at start (a link outlives neither
 * the process nor {@link #VALIDITY}).
 */
final class SignedViews {

    static final Duration VALIDITY = Duration.ofMinutes(10);

    private final byte[] key = new byte[32];

    SignedViews() {
        new SecureRandom().nextBytes(key);
    }

    /** The token for showing {@code subject} (e.g. {@code outbox:12}) until {@code now + VALIDITY}. */
    String sign(String subject, Instant now) {
        long until = now.plus(VALIDITY).getEpochSecond();
        return until + "." + mac(subject + "|" + until);
    }

    boolean verify(String subject, String token, Instant now) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return false;
        }
        long until;
        try {
            until = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        return now.getEpochSecond() <= until && MessageDigest.isEqual(
                mac(subject + "|" + until).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
