package dev.paperrec.recommend.model;

import dev.paperrec.interaction.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every event a build reads, in primitive columns: user and paper as indexes into their id lists, the type's
 * ordinal and the time. About 17 bytes an event, where a list of records costs over 60, and filled block by block,
 * so growing never copies what was read (docs/scaling.md, "Memory of a build").
 */
public final class EventLog implements Iterable<InteractionRecord> {

    /** Time of an event that carries none: the build reads it as its own clock. */
    static final long NO_TIME = Long.MIN_VALUE;
    private static final int BLOCK_BITS = 16;
    private static final int BLOCK = 1 << BLOCK_BITS;
    private static final EventType[] TYPES = EventType.values();

    private final Map<String, Integer> userIndex = new HashMap<>();
    private final List<String> userIds = new ArrayList<>();
    private final Map<String, Integer> paperIndex = new HashMap<>();
    private final List<String> paperIds = new ArrayList<>();
    private final List<int[]> users = new ArrayList<>();
    private final List<int[]> papers = new ArrayList<>();
    private final List<byte[]> types = new ArrayList<>();
    private final List<long[]> millis = new ArrayList<>();
    private int size;

    /** The events of {@code records} that name a user, a paper and a type, in their order. */
    public static EventLog of(Iterable<InteractionRecord> records) {
        if (records instanceof EventLog log) {
            return log;
        }
        EventLog log = new EventLog();
        for (InteractionRecord r : records) {
            log.add(r.userId(), r.paperId(), r.type(), r.occurredAt());
        }
        return log;
    }

    /** Appends an event; one without a user, a paper or a type means nothing to the engine and is left out. */
    public void add(String user, String paper, EventType type, Instant occurredAt) {
        if (user == null || paper == null || type == null) {
            return;
        }
        if ((size & (BLOCK - 1)) == 0) {
            users.add(new int[BLOCK]);
            papers.add(new int[BLOCK]);
            types.add(new byte[BLOCK]);
            millis.add(new long[BLOCK]);
        }
        int block = size >>> BLOCK_BITS;
        int at = size & (BLOCK - 1);
        users.get(block)[at] = index(user, userIndex, userIds);
        papers.get(block)[at] = index(paper, paperIndex, paperIds);
        types.get(block)[at] = (byte) type.ordinal();
        millis.get(block)[at] = occurredAt == null ? NO_TIME : occurredAt.toEpochMilli();
        size++;
    }

    private static int index(String id, Map<String, Integer> index, List<String> ids) {
        Integer known = index.get(id);
        if (known != null) {
            return known;
        }
        index.put(id, ids.size());
        ids.add(id);
        return ids.size() - 1;
    }

    public int size() {
        return size;
    }

    /** Distinct users, indexed as {@link #user(int)} returns them. */
    int userCount() {
        return userIds.size();
    }

    String userId(int user) {
        return userIds.get(user);
    }

    /** Distinct papers, indexed as {@link #paper(int)} returns them. */
    int paperCount() {
        return paperIds.size();
    }

    String paperId(int paper) {
        return paperIds.get(paper);
    }

    int user(int event) {
        return users.get(event >>> BLOCK_BITS)[event & (BLOCK - 1)];
    }

    int paper(int event) {
        return papers.get(event >>> BLOCK_BITS)[event & (BLOCK - 1)];
    }

    EventType type(int event) {
        return TYPES[types.get(event >>> BLOCK_BITS)[event & (BLOCK - 1)]];
    }

    /** Epoch millis, or {@link #NO_TIME}. */
    long millis(int event) {
        return millis.get(event >>> BLOCK_BITS)[event & (BLOCK - 1)];
    }

    /** The events as records, made one at a time while iterating. */
    @Override
    public Iterator<InteractionRecord> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public InteractionRecord next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                int e = next++;
                long t = millis(e);
                return new InteractionRecord(userId(user(e)), paperId(paper(e)), type(e),
                        t == NO_TIME ? null : Instant.ofEpochMilli(t));
            }
        };
    }
}
