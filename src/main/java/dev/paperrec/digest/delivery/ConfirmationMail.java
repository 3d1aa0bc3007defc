package dev.paperrec.digest.delivery;

import io.quarkus.mailer.MailTemplate;
import io.quarkus.qute.CheckedTemplate;

/** The double opt-in message sent to a new address before any digest: one link that confirms it. */
final class ConfirmationMail {

    private ConfirmationMail() {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplate.MailTemplateInstance confirmation(String email, String frequency, String confirmUrl);
    }

    static MailTemplate.MailTemplateInstance message(String email, String frequency, String confirmUrl) {
        return Templates.confirmation(email, frequency, confirmUrl).to(email)
                .subject("Confirm your " + frequency + " paper digest");
    }
}
