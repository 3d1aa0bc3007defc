package dev.paperrec.console.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.error.ApiException;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluationReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldReadRecallAndNdcgPerStrategyAtEveryCutoff() throws Exception {
        EvaluationReport report = EvaluationReport.read("p10.jsonl", new StringReader("""
                {"strategy":"content","users":5,"metrics":{"P@10":0.1,"R@10":0.2,"NDCG@10":0.3,"R@50":0.4,"NDCG@50":0.5}}

                {"strategy":"trending","users":5,"metrics":{"R@50":0.05,"NDCG@50":0.06}}
                """), MAPPER);
        assertThat(report.cutoffs()).containsExactly(10, 50);
        assertThat(report.strategies()).extracting(EvaluationReport.Strategy::name).containsExactly("content", "trending");
        assertThat(report.strategies().get(0).recall()).containsExactly(0.2, 0.4);
        assertThat(report.strategies().get(1).ndcg()).isEqualTo(Arrays.asList(null, 0.06));

        Charts.Lines recall = Charts.perCutoff("Recall@k", report, true);
        assertThat(recall.max()).isEqualTo("0.4");
        assertThat(recall.lines()).extracting(Charts.Line::points)
                .containsExactly("40.0,95.0 580.0,10.0", "580.0,158.8");
    }

    @Test
    void shouldRefuseWhatIsNotAnEvaluationReportNamingTheLine() {
        for (String bad : List.of("not json", "{\"strategy\":\"x\"}", "{\"strategy\":\"x\",\"metrics\":{\"P@10\":1}}",
                "{\"strategy\":\"x\",\"metrics\":{\"R@ten\":1}}")) {
            assertThatThrownBy(() -> EvaluationReport.read("upload", new StringReader(bad), MAPPER)).as(bad)
                    .isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> EvaluationReport.read("upload", new StringReader("{}\n"), MAPPER))
                .hasMessageContaining("line 1");
    }
}
