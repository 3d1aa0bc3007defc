package dev.paperrec.console.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.console.ConsoleConfig;
import dev.paperrec.console.ConsoleQueries;
import dev.paperrec.console.outbox.Outbox;
import dev.paperrec.digest.DigestConfig;
import dev.paperrec.recommend.RecommendationService;
import dev.paperrec.testsupport.GreenMailResource;
import dev.paperrec.testsupport.PostgresResource;
import dev.paperrec.testsupport.TestData;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** What the operator view shows, and what another replica (or this one after a restart) shows of it. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class OperatorViewsTest {

    private static final String REPORT = """
            {"strategy":"hybrid","users":7,"metrics":{"R@10":0.25,"NDCG@10":0.5}}
            """;

    @Inject
    OperatorViews views;
    @Inject
    ConsoleQueries queries;
    @Inject
    RecommendationService recommendations;
    @Inject
    Outbox outbox;
    @Inject
    DigestConfig digestConfig;
    @Inject
    ConsoleConfig config;
    @Inject
    Scheduler scheduler;
    @Inject
    ObjectMapper mapper;
    @Inject
    UploadedReport uploaded;

    /** A second instance sharing nothing in memory with the first: another replica, or this one restarted. */
    private OperatorViews anotherReplica() {
        return new OperatorViews(queries, recommendations, outbox, digestConfig, config, scheduler, mapper, uploaded);
    }

    @Test
    void shouldShowTheReadersTheModelCountedAndWhenItWasBuilt() {
        TestData.postEvent(TestData.uniqueId("counted"), TestData.createPaper("Counted reader's paper"), "read");
        TestData.rebuildModel();
        TestData.postEvent(TestData.uniqueId("after-build"), TestData.createPaper("Later reader's paper"), "read");

        OperatorViews.Overview overview = views.overview();
        RecommendationService.ModelInfo model = recommendations.model().orElseThrow();
        assertThat(overview.readers()).isEqualTo(model.users());
        assertThat(overview.readersAsOf()).isEqualTo(model.builtAt().toString().substring(0, 16).replace('T', ' ')
                + " UTC");
        assertThat(overview.perDayAsOf()).endsWith(" UTC");
    }

    @Test
    void shouldKeepAnUploadedReportForAnotherReplica() throws Exception {
        String name = TestData.uniqueId("report") + ".jsonl";
        views.upload(name, new StringReader(REPORT));

        OperatorViews.Evaluation shown = anotherReplica().evaluation();
        assertThat(shown.report().source()).isEqualTo(name);
        assertThat(shown.report().strategies().get(0).recall()).containsExactly(0.25);
        assertThat(shown.charts()).hasSize(2);
    }

    @Test
    void shouldOpenAMailViewAnotherReplicaSigned() {
        String link = views.outboxLink(42);
        String token = link.substring(link.indexOf("?t=") + 3);
        OperatorViews other = anotherReplica();
        assertThat(other.verify("outbox:42", token)).isTrue();
        assertThat(other.verify("outbox:43", token)).isFalse();

        String preview = views.previewLink("reader 1");
        assertThat(other.verify("digest:reader 1", preview.substring(preview.indexOf("&t=") + 3))).isTrue();
    }
}
