package dev.paperrec.digest.subscription;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.common.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class SubscriptionService {

    /**
     * What a deliverable address looks like beyond {@code @Email}: no quoting, spaces or control characters in the
     * local part, and a domain of dot-separated labels with at least one dot ({@code user@localhost} is refused).
     */
    private static final Pattern DELIVERABLE = Pattern.compile(
            "[^\\s\\p{Cntrl}\"(),:;<>@\\[\\\\\\]]{1,64}@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+"
                    + "\\p{L}[\\p{L}\\p{N}-]{0,62}");
    private static final Set<String> REGION_IDS = ZoneId.getAvailableZoneIds();

    private final SubscriptionRepository subscriptions;
    private final Validator validator;

    SubscriptionService(SubscriptionRepository subscriptions, Validator validator) {
        this.subscriptions = subscriptions;
        this.validator = validator;
    }

    /** The outcome of a PUT. */
    public record Upserted(SubscriptionView subscription, boolean created) {
    }

    public Upserted subscribe(String userId, SubscriptionInput input) {
        Ids.requireUserId("userId", userId);
        if (input == null) {
            throw ApiException.badRequest("A subscription body is required");
        }
        check(input);
        boolean created = subscriptions.upsert(userId, input);
        subscriptions.getEntityManager().clear();
        return new Upserted(SubscriptionView.from(subscriptions.findById(userId), Instant.now()), created);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SubscriptionView> find(String userId) {
        Ids.requireUserId("userId", userId);
        return subscriptions.findByIdOptional(userId).map(s -> SubscriptionView.from(s, Instant.now()));
    }

    /** Deletes the subscription; false when there was none. Digest history is kept so nothing is sent twice. */
    public boolean unsubscribe(String userId) {
        Ids.requireUserId("userId", userId);
        return subscriptions.deleteById(userId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Subscriber> subscriber(String userId) {
        return subscriptions.findByIdOptional(userId).map(Subscriber::of);
    }

    /** A page of the unconfirmed subscriptions whose confirmation mail has not been sent. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Subscriber> awaitingConfirmationMail(String afterUserId, int limit) {
        return subscriptions.awaitingConfirmationMail(afterUserId, limit).stream().map(Subscriber::of).toList();
    }

    /** Claims the confirmation mail of {@code email}, in its own transaction; false when another round has it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimConfirmationMail(String userId, String email) {
        return subscriptions.claimConfirmationMail(userId, email);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void releaseConfirmationMail(String userId, String email) {
        subscriptions.releaseConfirmationMail(userId, email);
    }

    /** Confirms the address from its link; false when the subscription changed address or is gone. */
    public boolean confirm(String userId, String email) {
        return subscriptions.confirm(userId, email);
    }

    /** A page of the subscriptions due by {@code now}, by user id after {@code afterUserId} (null: from the start). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Subscriber> due(Instant now, String afterUserId, int limit) {
        return subscriptions.due(now, afterUserId, limit).stream().map(Subscriber::of).toList();
    }

    /** Lists every bad field at once: the annotations' findings and the rules they cannot express. */
    private void check(SubscriptionInput input) {
        List<Problem.FieldError> errors = new ArrayList<>();
        validator.validate(input).forEach(v -> errors.add(
                new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())));
        Set<String> bad = errors.stream().map(Problem.FieldError::field).collect(Collectors.toSet());
        if (!bad.contains("email") && !DELIVERABLE.matcher(input.email().trim()).matches()) {
            errors.add(new Problem.FieldError("email",
                    "must be a deliverable address such as reader@example.org (a domain with a dot, no spaces)"));
        }
        if (!bad.contains("timezone") && !REGION_IDS.contains(input.timezone())) {
            errors.add(new Problem.FieldError("timezone", "'" + input.timezone()
                    + "' is not an IANA time zone such as Europe/Paris or America/New_York (offsets are not accepted:"
                    + " they ignore daylight saving time)"));
        }
        if (input.weekday() != null) {
            if (input.frequency() == Frequency.DAILY) {
                errors.add(new Problem.FieldError("weekday", "only weekly digests take a weekday"));
            } else if (!isWeekday(input.weekday())) {
                errors.add(new Problem.FieldError("weekday", "must be one of MONDAY..SUNDAY"));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
            throw new ApiException(400, "Bad Request", detail, errors, null);
        }
    }

    private static boolean isWeekday(String value) {
        try {
            DayOfWeek.valueOf(value.trim().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
