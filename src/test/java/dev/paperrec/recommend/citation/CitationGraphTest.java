package dev.paperrec.recommend.citation;

import dev.paperrec.recommend.collaborative.ItemNeighbours;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CitationGraphTest {

    private static final CitationGraph.Settings SETTINGS = new CitationGraph.Settings(10, 1.0, 1.0);

    /** Papers p0..p(n-1); {@code cites[i]} lists what paper i cites. */
    private static CitationGraph graph(CitationGraph.Settings settings, List<List<String>> cites) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cites.size(); i++) {
            ids.add("p" + i);
        }
        return CitationGraph.build(ids, Collections.nCopies(ids.size(), null), cites, settings);
    }

    private static double similarity(CitationGraph g, int a, int b) {
        ItemNeighbours n = g.neighbours();
        int at = n.positionOf(a, b);
        return at < 0 ? 0 : n.similarityAt(at);
    }

    private static double w(int papers, int df) {
        return Math.log(1 + (double) papers / df);
    }

    @Test
    void shouldScoreADirectCitationByTheWeightOfEachPapersOwnNode() {
        // p0 cites p1; p2 has no links. Each of p0, p1 is described by itself and the other, with df 2.
        // With the own node doubled: cosine((2w, w), (w, 2w)) = 4 / 5.
        CitationGraph g = graph(new CitationGraph.Settings(10, 2.0, 1.0),
                List.of(List.of("p1"), List.of(), List.of()));

        assertThat(similarity(g, 0, 1)).isCloseTo(0.8, within(1e-6));
        assertThat(similarity(g, 1, 0)).isCloseTo(0.8, within(1e-6));
        assertThat(g.neighbours().to(2) - g.neighbours().from(2)).isZero();
        assertThat(g.relation(0, 1)).isEqualTo(new CitationGraph.Relation(true, false, 0, 0));
        assertThat(g.relation(1, 0)).isEqualTo(new CitationGraph.Relation(false, true, 0, 0));
    }

    @Test
    void shouldScoreCoCitationByTheRarityOfTheCitingPaper() {
        // p2 cites p0 and p1; p3 has no links. p0 = {p0, p2}, p1 = {p1, p2}: they share the citer p2.
        CitationGraph g = graph(SETTINGS, List.of(List.of(), List.of(), List.of("p0", "p1"), List.of()));
        double own = w(4, 2);
        double citer = w(4, 3);

        assertThat(similarity(g, 0, 1)).isCloseTo(citer * citer / (own * own + citer * citer), within(1e-6));
        assertThat(g.relation(0, 1)).isEqualTo(new CitationGraph.Relation(false, false, 0, 1));
    }

    @Test
    void shouldWeighARarelySharedReferenceAboveACommonOne() {
        // p0 cites X and Y; p1 cites X; p2, p3 cite Y. X is shared by two papers, Y by three.
        String x = "doi:10.1000/x";
        String y = "arXiv:2401.00001";
        CitationGraph g = graph(SETTINGS, List.of(List.of(x, y), List.of(x), List.of(y), List.of(y), List.of()));
        double wx = w(5, 2);
        double wy = w(5, 3);
        double norm = Math.sqrt(wx * wx + wy * wy);

        assertThat(similarity(g, 0, 1)).isCloseTo(wx / norm, within(1e-6));
        assertThat(similarity(g, 0, 2)).isCloseTo(wy / norm, within(1e-6));
        assertThat(similarity(g, 2, 3)).isCloseTo(1.0, within(1e-6));
        int first = g.neighbours().itemAt(g.neighbours().from(0));
        assertThat(first).isEqualTo(1);
        assertThat(g.relation(0, 1)).isEqualTo(new CitationGraph.Relation(false, false, 1, 0));
        assertThat(g.relation(0, 2).sharedReferences()).isEqualTo(1);
    }

    @Test
    void shouldLeaveOutAReferenceThatTooManyPapersShare() {
        List<List<String>> cites = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            cites.add(List.of("doi:10.1000/everyone"));
        }
        CitationGraph g = graph(new CitationGraph.Settings(10, 1.0, 0.1), cites);

        assertThat(g.neighbours().pairs()).isZero();
        assertThat(g.relation(0, 1).sharedReferences()).isEqualTo(1);
    }

    @Test
    void shouldLinkAPaperAddedAfterTheBuildThatSharesReferences() {
        String x = "doi:10.1000/x";
        CitationGraph g = graph(SETTINGS, List.of(List.of(x), List.of(x), List.of("p1"), List.of()));
        CitationGraph added = g.withPaper("new-paper", null, List.of(x, "doi:10.1000/unknown"));

        assertThat(added.size()).isEqualTo(5);
        double[] scores = new double[5];
        int[] strongest = new int[5];
        added.score(new int[]{0}, new double[]{1.0}, scores, strongest);
        assertThat(scores[4]).isPositive();
        assertThat(strongest[4]).isEqualTo(1);
        assertThat(added.relation(4, 0)).isEqualTo(new CitationGraph.Relation(false, false, 1, 0));
        assertThat(scores[3]).isZero();

        // The paper's own references reach built papers too, when it is the one read.
        double[] fromNew = new double[5];
        added.score(new int[]{4}, new double[]{1.0}, fromNew, new int[5]);
        assertThat(fromNew[0]).isEqualTo(scores[4], within(1e-6));
        assertThat(fromNew[1]).isPositive();
    }

    @Test
    void shouldLinkAPaperAddedAfterTheBuildThroughAWorkOnlyOneBuiltPaperCites() {
        // Before the new paper, x is cited once and links nothing; it still sits in the index for later papers.
        String x = "doi:10.1000/rare";
        CitationGraph g = graph(SETTINGS, List.of(List.of(x, "p2"), List.of("p2"), List.of()));
        assertThat(g.neighbours().positionOf(0, 1)).isNotNegative();
        double before = similarity(g, 0, 1);

        CitationGraph added = g.withPaper("new-paper", null, List.of(x));
        double[] scores = new double[4];
        added.score(new int[]{0}, new double[]{1.0}, scores, new int[4]);
        assertThat(scores[3]).isPositive();
        assertThat(added.relation(3, 0).sharedReferences()).isEqualTo(1);
        assertThat(similarity(added, 0, 1)).isEqualTo(before);
    }

    @Test
    void shouldMeetItsCitersWhenACitedPaperArrivesUnderItsArxivId() {
        String cited = "arXiv:2501.01234";
        CitationGraph g = graph(SETTINGS, List.of(List.of(cited), List.of(cited), List.of()));
        CitationGraph added = g.withPaper("2501.01234", null, List.of());

        assertThat(added.relation(3, 0)).isEqualTo(new CitationGraph.Relation(false, true, 0, 0));
        double[] scores = new double[4];
        added.score(new int[]{1}, new double[]{1.0}, scores, new int[4]);
        assertThat(scores[3]).isPositive();
        assertThat(scores[0]).isPositive();
    }

    @Test
    void shouldResolveAReferenceByArxivIdToTheCataloguePaperItsUrlNames() {
        List<String> ids = List.of("a-slug", "b");
        List<String> urls = new ArrayList<>(List.of("https://arxiv.org/abs/2410.12345v2", "https://example.org/b"));
        CitationGraph g = CitationGraph.build(ids, urls, List.of(List.of(), List.of("arXiv:2410.12345")),
                SETTINGS);

        assertThat(g.relation(1, 0).cites()).isTrue();
        assertThat(g.links()).isEqualTo(1);
    }

    @Test
    void shouldScoreNothingWithoutReferences() {
        CitationGraph g = graph(SETTINGS, List.of(List.of(), List.of()));

        assertThat(g.isEmpty()).isTrue();
        double[] scores = new double[2];
        g.score(new int[]{0}, new double[]{1.0}, scores, new int[2]);
        assertThat(scores).containsOnly(0.0);
    }
}
