package dev.paperrec.digest.compose;

import dev.paperrec.digest.subscription.Frequency;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The digest email: an HTML part and a plain-text part rendered from the same data. */
public final class DigestMail {

    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";
    static final String PREVIEW_NOTE = "Preview: this is what the next digest would list now. Links go straight "
            + "to the papers and nothing is recorded.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private DigestMail() {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance digest(Digest digest, String heading, String subheading, String frequency,
                                                  String previewNote, String unsubscribeUrl);
    }

    /**
     * The message to send, with the RFC 8058 one-click unsubscribe headers; {@code day} is the reader's local date.
     */
    public static MailTemplateInstance message(Digest digest, Frequency frequency, ZonedDateTime day, String to,
                                               String unsubscribeUrl) {
        Mail headers = new Mail()
                .addHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return Templates.digest(digest, heading(frequency), subheading(digest, day), frequency.wireName(), null,
                        unsubscribeUrl)
                .mail(headers).to(to).subject(subject(digest, frequency));
    }

    /** A preview rendered as {@code contentType} ({@link #HTML} or {@link #TEXT}); no unsubscribe link. */
    public static String preview(Digest digest, Frequency frequency, ZonedDateTime day, String contentType) {
        TemplateInstance template = Templates.digest(digest, heading(frequency), subheading(digest, day),
                frequency.wireName(), PREVIEW_NOTE, null).templateInstance();
        return template.setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(contentType)).render();
    }

    /** Names the first paper; titles are flattened to one line, as a header must be. */
    static String subject(Digest digest, Frequency frequency) {
        String first = digest.sections().stream().flatMap(s -> s.entries().stream()).findFirst()
                .map(Digest.Entry::title).orElse("").strip().replaceAll("\\s+", " ");
        int more = digest.size() - 1;
        String lead = first.length() > 80 ? first.substring(0, 79).strip() + "…" : first;
        return heading(frequency) + ": “" + lead + "”" + (more > 0 ? " and " + more + " more" : "");
    }

    private static String heading(Frequency frequency) {
        return frequency == Frequency.DAILY ? "Your daily papers" : "Your weekly papers";
    }

    private static String subheading(Digest digest, ZonedDateTime day) {
        int n = digest.size();
        String count = n + (n == 1 ? " paper" : " papers");
        if (!digest.personal()) {
            return DAY.format(day) + " · " + count + " trending now";
        }
        long forYou = digest.sections().stream().filter(s -> s.key().equals(Digest.FOR_YOU))
                .mapToLong(s -> s.entries().size()).sum();
        return DAY.format(day) + " · " + count + ", " + forYou + " picked for you";
    }
}
