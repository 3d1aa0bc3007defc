package dev.paperrec.demo;

import dev.paperrec.interaction.EventService;
import dev.paperrec.interaction.IngestResult;
import dev.paperrec.paper.ImportResult;
import dev.paperrec.paper.PaperRepository;
import dev.paperrec.paper.PaperService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills an empty catalogue with a small real one: the papers of one "Daily Papers" page and 600 CiteULike
 * titles, with readers derived from CiteULike libraries and synthetic readers of the daily page. Event times
 * are shifted so that the newest is now, which keeps trending meaningful whenever the demo starts.
 */
@ApplicationScoped
class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    private final DemoConfig config;
    private final PaperRepository papers;
    private final PaperService paperService;
    private final EventService eventService;

    DemoDataLoader(DemoConfig config, PaperRepository papers, PaperService paperService, EventService eventService) {
        this.config = config;
        this.papers = papers;
        this.paperService = paperService;
        this.eventService = eventService;
    }

    // Before the first model build, so that it already holds the demo data.
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent start) {
        // Also here: the launcher reads only system properties and the environment, not config files.
        DemoMode.requireAllowed(config.enabled(), config.forbidden());
        if (!config.enabled()) {
            return;
        }
        long existing = QuarkusTransaction.requiringNew().call(papers::count);
        if (existing > 0) {
            LOG.debugf("Demo data not loaded: the catalogue already holds %d papers", existing);
            return;
        }
        ImportResult imported;
        try (InputStream in = resource("demo/papers.jsonl")) {
            imported = paperService.importPapers(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IngestResult events = eventService.ingest(shiftedEvents(Instant.now()), EventService.Format.CSV).result();
        LOG.infof("Loaded demo data: %d papers, %d events (%d rejected)", imported.created(), events.accepted(),
                events.rejectedCount());
    }

    /** The demo events with their times moved so that the newest one happened now. */
    static InputStream shiftedEvents(Instant now) {
        List<String> lines;
        try (InputStream in = resource("demo/events.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant newest = lines.stream().skip(1).map(l -> Instant.parse(l.substring(l.lastIndexOf(',') + 1)))
                .max(Instant::compareTo).orElse(now);
        Duration shift = Duration.between(newest, now);
        List<String> shifted = new ArrayList<>(lines.size());
        shifted.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            int cut = line.lastIndexOf(',');
            shifted.add(line.substring(0, cut + 1) + Instant.parse(line.substring(cut + 1)).plus(shift));
        }
        return new ByteArrayInputStream(String.join("\n", shifted).getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream resource(String name) {
        InputStream in = DemoDataLoader.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing demo resource " + name);
        }
        return in;
    }
}
