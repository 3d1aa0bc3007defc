package dev.paperrec.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Links read out of messages a test SMTP server received, as a reader would follow them. */
public final class MailLinks {

    private static final Pattern CONFIRM = Pattern.compile("(/confirm\\?token=[A-Za-z0-9_.%-]+)");

    private MailLinks() {
    }

    /** The path and query of the double opt-in link in {@code message}'s plain-text part. */
    public static String confirmPath(MimeMessage message) {
        try {
            Matcher m = CONFIRM.matcher(text(message));
            if (!m.find()) {
                throw new AssertionError("no confirmation link in the message " + message.getSubject());
            }
            return m.group(1);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                all.append(text(body));
            }
            return all.toString();
        }
        return content instanceof String s && part.isMimeType("text/plain") ? s : "";
    }
}
