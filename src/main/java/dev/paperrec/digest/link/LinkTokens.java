package dev.paperrec.digest.link;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Signed, expiring tokens for the links in a digest, so that they work without a login and cannot be forged:
 * {@code base64url(payload) "." base64url(HMAC-SHA256(secret, payload))}. The payload is the purpose, its fields
 * and the expiry, separated by newlines (ids never contain control characters).
 */
public final class LinkTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    static final String UNSUBSCRIBE = "unsubscribe";
    static final String CLICK = "click";
    static final String CONFIRM = "confirm";
    static final String VIEW = "view";

    private final SecretKeySpec key;
    private final Duration validity;

    public LinkTokens(String secret, Duration validity) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.validity = validity;
    }

    /** Why a token was refused: {@code expired} tokens were genuine once, the others never were. */
    public static final class InvalidToken extends RuntimeException {
        private final boolean expired;

        InvalidToken(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    /** A verified confirmation link: the user and the address it was sent to. */
    public record Confirmation(String userId, String email) {
    }

    /** A verified click link: who clicked which paper of which digest. */
    public record Click(String userId, String paperId, long digestId) {
    }

    public String unsubscribe(String userId, Instant now) {
        return sign(List.of(UNSUBSCRIBE, userId), now);
    }

    public String click(String userId, String paperId, long digestId, Instant now) {
        return sign(List.of(CLICK, userId, paperId, Long.toString(digestId)), now);
    }

    public String confirm(String userId, String email, Instant now) {
        return sign(List.of(CONFIRM, userId, email), now);
    }

    /**
     * A link to look at {@code subject} (such as {@code outbox:12}) without a key, for the console to frame a message
     * as mailed: signed with the service's link secret, any replica verifies it, also after a restart.
     */
    public String view(String subject, Instant now) {
        return sign(List.of(VIEW, subject), now);
    }

    /** Whether a token is a valid view link for exactly {@code subject}. */
    public boolean verifyView(String token, String subject, Instant now) {
        try {
            return verify(token, VIEW, 1, now).get(0).equals(subject);
        } catch (InvalidToken e) {
            return false;
        }
    }

    /** The user and address a confirmation token names; throws {@link InvalidToken}. */
    public Confirmation verifyConfirm(String token, Instant now) {
        List<String> fields = verify(token, CONFIRM, 2, now);
        return new Confirmation(fields.get(0), fields.get(1));
    }

    /** The user an unsubscribe token names; throws {@link InvalidToken}. */
    public String verifyUnsubscribe(String token, Instant now) {
        return verify(token, UNSUBSCRIBE, 1, now).get(0);
    }

    /** The click a click token describes; throws {@link InvalidToken}. */
    public Click verifyClick(String token, Instant now) {
        List<String> fields = verify(token, CLICK, 3, now);
        try {
            return new Click(fields.get(0), fields.get(1), Long.parseLong(fields.get(2)));
        } catch (NumberFormatException e) {
            throw new InvalidToken("malformed link", false);
        }
    }

    private String sign(List<String> fields, Instant now) {
        String payload = String.join("\n", fields) + "\n" + now.plus(validity).getEpochSecond();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    private List<String> verify(String token, String purpose, int fieldCount, Instant now) {
        if (token == null || token.isBlank()) {
            throw new InvalidToken("the link has no token", false);
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, Math.max(dot, 0)));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("malformed link", false);
        }
        // Constant-time comparison: the time taken must not tell how much of a forged signature was right.
        if (dot <= 0 || !MessageDigest.isEqual(mac(payload), signature)) {
            throw new InvalidToken("the link's signature does not match", false);
        }
        List<String> parts = Arrays.asList(new String(payload, StandardCharsets.UTF_8).split("\n", -1));
        if (parts.size() != fieldCount + 2 || !parts.get(0).equals(purpose)) {
            throw new InvalidToken("the link is not a " + purpose + " link", false);
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts.get(parts.size() - 1));
        } catch (NumberFormatException e) {
            throw new InvalidToken("malformed link", false);
        }
        if (now.getEpochSecond() > expiry) {
            throw new InvalidToken("the link expired on " + Instant.ofEpochSecond(expiry), true);
        }
        return parts.subList(1, parts.size() - 1);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
