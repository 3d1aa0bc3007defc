package dev.paperrec.digest.link;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.api.Sha256;
import dev.paperrec.digest.DigestConfig;
import dev.paperrec.interaction.EventInput;
import dev.paperrec.interaction.EventService;
import dev.paperrec.interaction.EventType;
import dev.paperrec.user.UserLocks;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns clicks on digest links into reads, but not every click: a mail scanner opens links on delivery, and opens
 * every link of a message within seconds. So a click within {@link DigestConfig#clickGrace()} of sending is not
 * counted, and a click is counted only once {@link DigestConfig#clickBurstWindow()} has passed after it without
 * {@link DigestConfig#clickBurstLinks()} links of the same digest (itself included) clicked within that window
 * before or after it. Links of an erased user's digests record nothing.
 */
@ApplicationScoped
public class ClickService {

    private static final Logger LOG = Logger.getLogger(ClickService.class);
    private static final int SETTLE_BATCH = 500;

    private final ClickRepository clicks;
    private final EventService events;
    private final DigestConfig config;
    private final EntityManager em;

    ClickService(ClickRepository clicks, EventService events, DigestConfig config, EntityManager em) {
        this.clicks = clicks;
        this.events = events;
        this.config = config;
        this.em = em;
    }

    /**
     * Stores a click to be settled later.
     *
     * @return false when the digest no longer exists (its reader was erased): nothing is stored
     */
    @Transactional
    public boolean click(LinkTokens.Click click, Instant now) {
        // Shared with other clicks, exclusive against an erasure: either this commits first and the erasure deletes
        // it with the digest, or the digest is gone when this reads it.
        UserLocks.shared(em, click.userId());
        var sentAt = clicks.sentAt(click.digestId(), click.userId());
        if (sentAt.isEmpty()) {
            return false;
        }
        boolean tooSoon = now.isBefore(sentAt.get().plus(config.clickGrace()));
        clicks.insert(click.digestId(), click.paperId(), click.userId(), now, tooSoon);
        return true;
    }

    @Scheduled(every = "${paperrec.digest.click-burst-window:PT10S}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settleDue() {
        try {
            int settled = settle(Instant.now());
            if (settled > 0) {
                LOG.debugf("Settled %d digest clicks", settled);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Settling digest clicks failed, will retry: %s", e.getMessage());
        }
    }

    /** Settles the clicks whose burst window has passed by {@code now}: each becomes a read or is set aside. */
    @Transactional
    public int settle(Instant now) {
        Instant ripe = now.minus(config.clickBurstWindow());
        // User locks before row locks, in the same order as an erasure (which locks the user, then deletes rows).
        List<String> users = new ArrayList<>(clicks.usersWithPending(ripe, SETTLE_BATCH));
        if (users.isEmpty()) {
            return 0;
        }
        users.sort(null);
        users.forEach(u -> UserLocks.shared(em, u));
        Set<String> locked = new HashSet<>(users);
        List<EventInput> reads = new ArrayList<>();
        int settled = 0;
        for (ClickRepository.Pending click : clicks.lockPending(ripe, SETTLE_BATCH)) {
            if (!locked.contains(click.userId())) {
                continue;
            }
            boolean burst = clicks.linksClickedAround(click.digestId(), click.clickedAt(),
                    config.clickBurstWindow()) >= config.clickBurstLinks();
            clicks.settle(click, burst ? "burst" : "read");
            if (!burst) {
                reads.add(new EventInput(click.userId(), click.paperId(), EventType.READ, click.clickedAt(),
                        eventId(click.digestId(), click.paperId())));
            }
            settled++;
        }
        events.record(reads);
        return settled;
    }

    /** One read per link: the event id names the digest and the paper, so a replayed settle stores nothing twice. */
    static String eventId(long digestId, String paperId) {
        String id = "digest-click:" + digestId + ":" + paperId;
        return id.length() <= Ids.MAX_LENGTH ? id : "digest-click:" + digestId + ":sha256:" + Sha256.hex(paperId);
    }
}
