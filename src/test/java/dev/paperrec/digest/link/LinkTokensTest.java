package dev.paperrec.digest.link;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkTokensTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final Instant NOW = Instant.parse("2026-11-27T16:00:00Z");
    private final LinkTokens tokens = new LinkTokens(SECRET, Duration.ofDays(60));

    @Test
    void shouldVerifyWhatItSigned() {
        assertThat(tokens.verifyUnsubscribe(tokens.unsubscribe("reader 1", NOW), NOW)).isEqualTo("reader 1");
        assertThat(tokens.verifyClick(tokens.click("reader|1", "hep-th/9901001", 42, NOW), NOW.plusSeconds(5)))
                .isEqualTo(new LinkTokens.Click("reader|1", "hep-th/9901001", 42));
        assertThat(tokens.verifyConfirm(tokens.confirm("reader 1", "r@example.org", NOW), NOW))
                .isEqualTo(new LinkTokens.Confirmation("reader 1", "r@example.org"));
    }

    @Test
    void shouldVerifyAViewLinkInAnotherInstanceWithTheSameSecretOnlyForItsSubject() {
        String token = new LinkTokens(SECRET, Duration.ofMinutes(10)).view("outbox:12", NOW);
        // Another replica, or this one after a restart: nothing but the secret in common.
        LinkTokens other = new LinkTokens(SECRET, Duration.ofMinutes(10));
        assertThat(other.verifyView(token, "outbox:12", NOW.plusSeconds(600))).isTrue();
        assertThat(other.verifyView(token, "outbox:12", NOW.plusSeconds(601))).isFalse();
        assertThat(other.verifyView(token, "outbox:13", NOW)).isFalse();
        assertThat(new LinkTokens(SECRET + "x", Duration.ofMinutes(10)).verifyView(token, "outbox:12", NOW)).isFalse();
        assertThatThrownBy(() -> other.verifyUnsubscribe(token, NOW)).isInstanceOf(LinkTokens.InvalidToken.class);
        assertThat(other.verifyView(tokens.unsubscribe("outbox:12", NOW), "outbox:12", NOW)).isFalse();
    }

    @Test
    void shouldBeUrlSafe() {
        assertThat(tokens.click("ü ser/?&=", "2410.12345", 7, NOW)).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void shouldExpireAfterTheValidity() {
        String token = tokens.unsubscribe("reader", NOW);
        assertThat(tokens.verifyUnsubscribe(token, NOW.plus(Duration.ofDays(60)))).isEqualTo("reader");
        assertThatThrownBy(() -> tokens.verifyUnsubscribe(token, NOW.plus(Duration.ofDays(60)).plusSeconds(1)))
                .isInstanceOfSatisfying(LinkTokens.InvalidToken.class, e -> assertThat(e.expired()).isTrue());
    }

    @Test
    void shouldRefuseATamperedPayload() {
        String token = tokens.unsubscribe("alice", NOW);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("unsubscribe\nmallory\n9999999999".getBytes(StandardCharsets.UTF_8));
        String forged = forgedPayload + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> tokens.verifyUnsubscribe(forged, NOW))
                .isInstanceOfSatisfying(LinkTokens.InvalidToken.class, e -> assertThat(e.expired()).isFalse());
    }

    @Test
    void shouldRefuseATamperedSignatureOrGarbage() {
        String token = tokens.unsubscribe("alice", NOW);
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String bad : new String[]{flipped, "", "no-dot", ".", "abc.", ".abc", "!!!.???", token + "x"}) {
            assertThatThrownBy(() -> tokens.verifyUnsubscribe(bad, NOW)).as(bad)
                    .isInstanceOf(LinkTokens.InvalidToken.class);
        }
        assertThatThrownBy(() -> tokens.verifyUnsubscribe(null, NOW)).isInstanceOf(LinkTokens.InvalidToken.class);
    }

    @Test
    void shouldRefuseTokensSignedWithAnotherSecretOrForAnotherPurpose() {
        LinkTokens other = new LinkTokens("another-secret-of-at-least-thirty-two-chars", Duration.ofDays(60));
        assertThatThrownBy(() -> tokens.verifyUnsubscribe(other.unsubscribe("alice", NOW), NOW))
                .isInstanceOf(LinkTokens.InvalidToken.class);
        assertThatThrownBy(() -> tokens.verifyUnsubscribe(tokens.click("alice", "p1", 1, NOW), NOW))
                .isInstanceOf(LinkTokens.InvalidToken.class);
        assertThatThrownBy(() -> tokens.verifyClick(tokens.unsubscribe("alice", NOW), NOW))
                .isInstanceOf(LinkTokens.InvalidToken.class);
        // An unsubscribe link (user only) must not confirm an address, nor a confirmation unsubscribe.
        assertThatThrownBy(() -> tokens.verifyConfirm(tokens.unsubscribe("alice", NOW), NOW))
                .isInstanceOf(LinkTokens.InvalidToken.class);
        assertThatThrownBy(() -> tokens.verifyUnsubscribe(tokens.confirm("alice", "a@example.org", NOW), NOW))
                .isInstanceOf(LinkTokens.InvalidToken.class);
    }
}
