package dev.paperrec.console.outbox;

import java.time.Instant;

/** A message in the outbox, as it was sent; {@code textBody} and {@code htmlBody} may be null on a listing. */
public record OutboxMessage(long id, Instant sentAt, String sender, String recipients, String subject,
                            String textBody, String htmlBody) {
}
