package dev.paperrec.recommend;

import dev.paperrec.common.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recommendation endpoints' parameters, checked without booting Quarkus. */
class QueryParametersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void shouldAskTheEngineForThePageAndTheSlackPastIt() {
        QueryParameters.Personal asked = QueryParameters.personal("u1",
                new RecommendationService.Query("Content", 10, 20, "P1D", " graphs "), TODAY);

        RecommendationRequest request = asked.request(false, List.of(), 5);
        assertThat(request.userId()).isEqualTo("u1");
        assertThat(request.strategy()).isEqualTo(Strategy.CONTENT);
        assertThat(request.limit()).isEqualTo(35);
        assertThat(request.offset()).isZero();
        assertThat(request.since()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(request.tags()).isEqualTo(Set.of("graphs"));
        assertThat(asked.request(true, List.of(), 5).userId()).isNull();
    }

    @Test
    void shouldNameTheFirstBadParameter() {
        assertThatThrownBy(() -> QueryParameters.personal("u1",
                new RecommendationService.Query("popular", 0, 0, null, null), TODAY))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("strategy"));
                });
        assertThatThrownBy(() -> QueryParameters.similar("p1", "trending", 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("strategy"));
        assertThatThrownBy(() -> QueryParameters.trending("P2Y", 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("window"));
    }

    @Test
    void shouldNameTheTrendingWindowInDaysWhenItIsWholeDays() {
        assertThat(QueryParameters.trending(null, 20).window()).isEqualTo(Duration.ofDays(7));
        assertThat(QueryParameters.trending(null, 20).name()).isEqualTo("P7D");
        assertThat(QueryParameters.trending("pt36h", 20).name()).isEqualTo("PT36H");
        assertThat(QueryParameters.trending("PT48H", 20).name()).isEqualTo("P2D");
    }
}
