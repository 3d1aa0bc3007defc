package dev.paperrec.recommend.api;

import dev.paperrec.common.error.ApiException;
import dev.paperrec.recommend.RecommendationService;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code since} as a date or as a duration back from today: the first publication date it admits. */
class SinceParameterTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void shouldCountADurationBackFromTodayInWholeDays() {
        assertThat(RecommendationService.since("P0D", TODAY)).isEqualTo(TODAY);
        assertThat(RecommendationService.since("P1D", TODAY)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(RecommendationService.since("p7d", TODAY)).isEqualTo(LocalDate.of(2026, 2, 22));
        assertThat(RecommendationService.since("P1W", TODAY)).isEqualTo(LocalDate.of(2026, 2, 22));
        assertThat(RecommendationService.since("P1M", TODAY)).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(RecommendationService.since("PT12H", TODAY)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(RecommendationService.since("PT0H", TODAY)).isEqualTo(TODAY);
    }

    @Test
    void shouldTakeADateAsWrittenAndNothingAsNoFilter() {
        assertThat(RecommendationService.since("2024-05-01", TODAY)).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(RecommendationService.since(" ", TODAY)).isNull();
        assertThat(RecommendationService.since(null, TODAY)).isNull();
    }

    @Test
    void shouldRefuseNegativeHugeAndMalformedValuesNamingTheParameter() {
        for (String bad : new String[]{"P-1D", "P200Y", "yesterday", "2024-13-01", "P", "PT-3H"}) {
            assertThatThrownBy(() -> RecommendationService.since(bad, TODAY)).as(bad)
                    .isInstanceOf(ApiException.class).hasMessageContaining("since");
        }
    }
}
