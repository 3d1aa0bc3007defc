package dev.paperrec.recommend.citation;

import dev.paperrec.common.api.ReferenceIds;
import dev.paperrec.recommend.collaborative.ItemNeighbours;
import dev.paperrec.recommend.hybrid.TopPapers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The citation source: papers are alike when they cite each other, are cited together (co-citation) or cite the
 * same works (bibliographic coupling, which also counts works outside the catalogue, such as an arXiv id or a DOI).
 *
 * <p>Every paper and every cited work is a node. A paper is described by the nodes around it: itself, the works it
 * cites and the papers that cite it. Each node weighs {@code log(1 + N / df)}, where {@code df} counts the papers
 * it describes, so a reference that hundreds of papers share counts for little, as a common word does in TF-IDF;
 * a paper's own node is multiplied by {@link Settings#directWeight()}. The similarity of two papers is the cosine of
 * those vectors, to which each relation adds:
 * <ul>
 *   <li>A cites B: A's reference B meets B's own node, and B's citer A meets A's own node;</li>
 *   <li>C cites both A and B: both have the citer C;</li>
 *   <li>A and B both cite R: both have the reference R.</li>
 * </ul>
 * Each built paper keeps its {@link Settings#neighbours()} most similar papers, computed once per build. A paper
 * added after the build is described with the build's weights and gets its neighbours when it is added; a paper
 * that was cited before it arrived (under its id, arXiv id or DOI) meets its citers then. Immutable.
 */
public final class CitationGraph {

    /**
     * @param neighbours   top-k citation neighbours kept per paper
     * @param directWeight weight of a paper's own node: how much a direct citation counts against one shared
     *                     reference or citer of the same rarity
     * @param maxNodeShare nodes describing a larger share of a large catalogue (and more than
     *                     {@link #COMMON_NODE_FLOOR} papers) are left out: they tell papers apart least and cost most
     */
    public record Settings(int neighbours, double directWeight, double maxNodeShare) {
    }

    /** How two papers are linked; every count is true in the data the graph was built from. */
    public record Relation(boolean cites, boolean citedBy, int sharedReferences, int citedTogether) {
    }

    static final int COMMON_NODE_FLOOR = 1000;

    private final Settings settings;
    private final int built;
    private final Map<String, Integer> nodeOf;
    /** By built paper: the nodes it cites, ascending. A built paper's own node is its index. */
    private final int[][] references;
    /** By node: the built papers citing it, ascending, at {@code citers[citerStart[v] .. citerStart[v + 1])}. */
    private final int[] citerStart;
    private final int[] citers;
    /** By node: its weight; 0 when it describes too few or too many papers to tell any apart. */
    private final float[] weight;
    private final int[] postingStart;
    private final int[] postingPapers;
    private final float[] postingWeights;
    private final ItemNeighbours neighbours;
    /**
     * By added paper (its index minus the built count): neighbours among the built papers, most similar first; the
     * nodes it cites; its own node, or -1 when nobody cited it before it arrived. Only these grow with each paper
     * added, so adding one costs the size of what was added since the build, not of the catalogue.
     */
    private final int[][] addedItems;
    private final float[][] addedSimilarities;
    private final int[][] addedReferences;
    private final int[] addedNodes;

    private CitationGraph(Settings settings, int built, Map<String, Integer> nodeOf, int[][] references,
                          int[] citerStart, int[] citers, float[] weight, int[] postingStart, int[] postingPapers,
                          float[] postingWeights, ItemNeighbours neighbours, int[][] addedItems,
                          float[][] addedSimilarities, int[][] addedReferences, int[] addedNodes) {
        this.settings = settings;
        this.built = built;
        this.nodeOf = nodeOf;
        this.references = references;
        this.addedReferences = addedReferences;
        this.addedNodes = addedNodes;
        this.citerStart = citerStart;
        this.citers = citers;
        this.weight = weight;
        this.postingStart = postingStart;
        this.postingPapers = postingPapers;
        this.postingWeights = postingWeights;
        this.neighbours = neighbours;
        this.addedItems = addedItems;
        this.addedSimilarities = addedSimilarities;
    }

    /**
     * Builds the graph of a catalogue and computes every paper's neighbours.
     *
     * @param ids        paper ids by dense index
     * @param urls       paper URLs by index (null entries allowed); an arxiv.org or doi.org URL is an alias that
     *                   citers may use
     * @param references by index, the paper's references in {@link ReferenceIds}' stored form
     */
    public static CitationGraph build(List<String> ids, List<String> urls, List<List<String>> references,
                                      Settings settings) {
        return build(ids, urls, references, settings, null);
    }

    /**
     * As {@link #build(List, List, List, Settings)}, but with the neighbours of {@code precomputed} (pairs computed
     * elsewhere, by dense index) when it is not null.
     */
    public static CitationGraph build(List<String> ids, List<String> urls, List<List<String>> references,
                                      Settings settings, ItemNeighbours precomputed) {
        int n = ids.size();
        if (precomputed == null && references.stream().allMatch(List::isEmpty)) {
            return none(n, settings);
        }
        Map<String, Integer> nodeOf = new HashMap<>(n * 2);
        for (int p = 0; p < n; p++) {
            nodeOf.putIfAbsent(ids.get(p), p);
        }
        for (int p = 0; p < n; p++) {
            for (String alias : ReferenceIds.aliases(ids.get(p), urls.get(p))) {
                nodeOf.putIfAbsent(alias, p);
            }
        }
        int[] nodeCount = {n};
        int[][] refs = new int[n][];
        for (int p = 0; p < n; p++) {
            List<String> given = references.get(p);
            int[] nodes = new int[given.size()];
            int m = 0;
            for (String ref : given) {
                int node = nodeOf.computeIfAbsent(ref, k -> nodeCount[0]++);
                if (node != p) {
                    nodes[m++] = node;
                }
            }
            refs[p] = distinctSorted(nodes, m);
        }
        int nodes = nodeCount[0];
        int[] citerStart = new int[nodes + 1];
        for (int[] r : refs) {
            for (int node : r) {
                citerStart[node + 1]++;
            }
        }
        for (int v = 0; v < nodes; v++) {
            citerStart[v + 1] += citerStart[v];
        }
        int[] citers = new int[citerStart[nodes]];
        int[] fill = Arrays.copyOf(citerStart, nodes);
        for (int p = 0; p < n; p++) {
            for (int node : refs[p]) {
                citers[fill[node]++] = p;
            }
        }
        float[] weight = new float[nodes];
        boolean[] shared = new boolean[nodes];
        double common = Math.max(settings.maxNodeShare() * n, COMMON_NODE_FLOOR);
        for (int v = 0; v < nodes; v++) {
            // The papers v describes: itself, its citers, and the catalogue papers it cites (only those have vectors).
            int df = (v < n ? 1 + catalogueReferences(refs[v], n) : 0) + citerStart[v + 1] - citerStart[v];
            weight[v] = df < 1 || df > common ? 0 : (float) Math.log(1 + (double) n / df);
            shared[v] = df >= 2;
        }
        int[][] vectorNodes = new int[n][];
        float[][] vectorWeights = new float[n][];
        int[] postingStart = new int[nodes + 1];
        for (int p = 0; p < n; p++) {
            vectorNodes[p] = union(p, refs[p], citers, citerStart[p], citerStart[p + 1]);
            vectorWeights[p] = unitWeights(vectorNodes[p], p, weight, settings.directWeight(), shared);
            for (int i = 0; i < vectorNodes[p].length; i++) {
                if (vectorWeights[p][i] > 0) {
                    postingStart[vectorNodes[p][i] + 1]++;
                }
            }
        }
        for (int v = 0; v < nodes; v++) {
            postingStart[v + 1] += postingStart[v];
        }
        int[] postingPapers = new int[postingStart[nodes]];
        float[] postingWeights = new float[postingPapers.length];
        int[] cursor = Arrays.copyOf(postingStart, nodes);
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < vectorNodes[p].length; i++) {
                if (vectorWeights[p][i] > 0) {
                    int at = cursor[vectorNodes[p][i]]++;
                    postingPapers[at] = p;
                    postingWeights[at] = vectorWeights[p][i];
                }
            }
        }
        ItemNeighbours lists = precomputed;
        if (lists == null) {
            lists = neighbourLists(vectorNodes, vectorWeights, postingStart, postingPapers, postingWeights,
                    settings.neighbours());
        }
        return new CitationGraph(settings, n, nodeOf, refs, citerStart, citers, weight, postingStart, postingPapers,
                postingWeights, lists, new int[0][], new float[0][], new int[0][], new int[0]);
    }

    /**
     * A graph of a catalogue that has no references: it scores nothing, and spends no memory on the catalogue's
     * aliases. Papers added before the next build are not linked either.
     */
    static CitationGraph none(int papers, Settings settings) {
        int[][] refs = new int[papers][];
        Arrays.fill(refs, new int[0]);
        ItemNeighbours lists = ItemNeighbours.fromPairs(new int[0], new int[0], new float[0], new int[0], papers, 0);
        return new CitationGraph(settings, papers, Map.of(), refs, new int[papers + 1], new int[0], new float[papers],
                new int[papers + 1], new int[0], new float[0], lists, new int[0][], new float[0][], new int[0][],
                new int[0]);
    }

    /**
     * A copy that also knows a paper added after the build, at index {@link #size()}: its references resolve
     * against the build's nodes, it meets the papers that cited it under any of its aliases, and it gets its
     * neighbours among the built papers.
     */
    public CitationGraph withPaper(String id, String url, List<String> paperReferences) {
        int index = size();
        int own = -1;
        for (String alias : ReferenceIds.aliases(id, url)) {
            Integer node = nodeOf.get(alias);
            if (node != null && node >= built) {
                own = node;
                break;
            }
        }
        int[] nodes = new int[paperReferences.size()];
        int m = 0;
        for (String ref : paperReferences) {
            Integer node = nodeOf.get(ref);
            if (node != null && node != own) {
                nodes[m++] = node;
            }
        }
        int[] refs = distinctSorted(nodes, m);
        int[] described = own < 0 ? refs
                : union(own, refs, citers, citerStart[own], citerStart[own + 1]);
        float[] w = unitWeights(described, own, weight, settings.directWeight(), null);
        double[] scores = new double[built];
        int[] touched = new int[built];
        int touchedCount = accumulate(described, w, postingStart, postingPapers, postingWeights, scores, touched, -1);
        int[] order = topK(new TopPapers(settings.neighbours(), Integer::compare), scores, touched, touchedCount);
        int[] items = new int[order.length];
        float[] sims = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            items[i] = order[i];
            sims[i] = (float) scores[order[i]];
        }
        int a = addedItems.length;
        int[][] added = Arrays.copyOf(addedItems, a + 1);
        added[a] = items;
        float[][] addedSims = Arrays.copyOf(addedSimilarities, a + 1);
        addedSims[a] = sims;
        int[][] addedRefs = Arrays.copyOf(addedReferences, a + 1);
        addedRefs[a] = refs;
        int[] ownNodes = Arrays.copyOf(addedNodes, a + 1);
        ownNodes[a] = own;
        return new CitationGraph(settings, built, nodeOf, references, citerStart, citers, weight, postingStart,
                postingPapers, postingWeights, neighbours, added, addedSims, addedRefs, ownNodes);
    }

    /** Papers known: the built ones, then the added ones. */
    public int size() {
        return built + addedItems.length;
    }

    /** Citation links among the built papers: references that name a catalogue paper. */
    public long links() {
        long links = 0;
        for (int p = 0; p < built; p++) {
            links += catalogueReferences(references[p], built);
        }
        return links;
    }

    /** References of every paper, catalogue papers or not. */
    public long referenceCount() {
        return Arrays.stream(references).mapToLong(r -> r.length).sum()
                + Arrays.stream(addedReferences).mapToLong(r -> r.length).sum();
    }

    public ItemNeighbours neighbours() {
        return neighbours;
    }

    public boolean isEmpty() {
        return neighbours.pairs() == 0 && Arrays.stream(addedItems).allMatch(a -> a.length == 0);
    }

    /**
     * Adds {@code weights[k] × similarity(seeds[k], p)} to {@code scores[p]} for every paper {@code p}, and sets
     * {@code strongest[p]} to 1 + the seed whose link adds most (left alone where no seed links).
     */
    public void score(int[] seeds, double[] weights, double[] scores, int[] strongest) {
        int n = scores.length;
        double[] best = new double[n];
        double[] seedWeight = new double[size()];
        for (int k = 0; k < seeds.length; k++) {
            int seed = seeds[k];
            if (seed >= size()) {
                continue;
            }
            seedWeight[seed] += weights[k];
            if (seed < built) {
                for (int at = neighbours.from(seed), end = neighbours.to(seed); at < end; at++) {
                    add(neighbours.itemAt(at), seed, weights[k] * neighbours.similarityAt(at), scores, best,
                            strongest);
                }
            } else {
                int[] items = addedItems[seed - built];
                float[] sims = addedSimilarities[seed - built];
                for (int i = 0; i < items.length; i++) {
                    add(items[i], seed, weights[k] * sims[i], scores, best, strongest);
                }
            }
        }
        // Links from built seeds to added papers are kept only on the added paper's side.
        for (int a = 0; a < addedItems.length && built + a < n; a++) {
            int[] items = addedItems[a];
            float[] sims = addedSimilarities[a];
            for (int i = 0; i < items.length; i++) {
                if (seedWeight[items[i]] > 0) {
                    add(built + a, items[i], seedWeight[items[i]] * sims[i], scores, best, strongest);
                }
            }
        }
    }

    private static void add(int paper, int seed, double c, double[] scores, double[] best, int[] strongest) {
        if (paper >= scores.length) {
            return;
        }
        scores[paper] += c;
        if (c > best[paper]) {
            best[paper] = c;
            strongest[paper] = seed + 1;
        }
    }

    /** How {@code paper} is linked to {@code other}. */
    public Relation relation(int paper, int other) {
        if (paper >= size() || other >= size()) {
            return new Relation(false, false, 0, 0);
        }
        int a = node(paper);
        int b = node(other);
        int[] refsA = referencesOf(paper);
        int[] refsB = referencesOf(other);
        boolean cites = b >= 0 && Arrays.binarySearch(refsA, b) >= 0;
        boolean citedBy = a >= 0 && Arrays.binarySearch(refsB, a) >= 0;
        int shared = intersection(refsA, 0, refsA.length, refsB, 0, refsB.length);
        int together = a < 0 || b < 0 ? 0
                : intersection(citers, citerStart[a], citerStart[a + 1], citers, citerStart[b], citerStart[b + 1]);
        return new Relation(cites, citedBy, shared, together);
    }

    private int node(int paper) {
        return paper < built ? paper : addedNodes[paper - built];
    }

    private int[] referencesOf(int paper) {
        return paper < built ? references[paper] : addedReferences[paper - built];
    }

    private static ItemNeighbours neighbourLists(int[][] vectorNodes, float[][] vectorWeights, int[] postingStart,
                                                 int[] postingPapers, float[] postingWeights, int k) {
        int n = vectorNodes.length;
        double[] scores = new double[n];
        int[] touched = new int[n];
        int[] from = new int[1024];
        int[] to = new int[1024];
        float[] sims = new float[1024];
        TopPapers top = new TopPapers(k, Integer::compare);
        int rows = 0;
        for (int p = 0; p < n; p++) {
            int count = accumulate(vectorNodes[p], vectorWeights[p], postingStart, postingPapers, postingWeights,
                    scores, touched, p);
            int[] order = topK(top, scores, touched, count);
            if (rows + order.length > from.length) {
                int capacity = Math.max(from.length * 2, rows + order.length);
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
                sims = Arrays.copyOf(sims, capacity);
            }
            for (int q : order) {
                from[rows] = p;
                to[rows] = q;
                sims[rows++] = (float) scores[q];
            }
            for (int i = 0; i < count; i++) {
                scores[touched[i]] = 0;
            }
        }
        return ItemNeighbours.fromPairs(Arrays.copyOf(from, rows), Arrays.copyOf(to, rows),
                Arrays.copyOf(sims, rows), new int[rows], n, k);
    }

    /**
     * Adds the dot product of one vector with every built paper but {@code self} to {@code scores}; returns how many
     * papers it touched, listed in {@code touched}.
     */
    private static int accumulate(int[] nodes, float[] w, int[] postingStart, int[] postingPapers,
                                  float[] postingWeights, double[] scores, int[] touched, int self) {
        int count = 0;
        for (int i = 0; i < nodes.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            for (int at = postingStart[nodes[i]], end = postingStart[nodes[i] + 1]; at < end; at++) {
                int q = postingPapers[at];
                if (q != self) {
                    if (scores[q] == 0) {
                        touched[count++] = q;
                    }
                    scores[q] += (double) w[i] * postingWeights[at];
                }
            }
        }
        return count;
    }

    /** The best of the touched papers with a positive score, best first, ties to the lower index. */
    private static int[] topK(TopPapers top, double[] scores, int[] touched, int count) {
        top.clear();
        for (int i = 0; i < count; i++) {
            int q = touched[i];
            // Ranked by the float that is stored as the similarity, so that stored order and values agree.
            float s = (float) scores[q];
            if (s > 0) {
                top.offer(q, s);
            }
        }
        return top.drainPapers();
    }

    /** The paper's own node, its references and its citers, ascending and distinct. */
    private static int[] union(int own, int[] refs, int[] citers, int from, int to) {
        int[] all = new int[1 + refs.length + (to - from)];
        all[0] = own;
        System.arraycopy(refs, 0, all, 1, refs.length);
        System.arraycopy(citers, from, all, 1 + refs.length, to - from);
        return distinctSorted(all, all.length);
    }

    /**
     * Weights of a vector, divided by the length of its part over the nodes in {@code counted} (every node when
     * null, or when none is). A built paper's length counts only nodes other built papers share: the rest cannot
     * match at build time, so the build's similarities are those of the shared nodes alone, while those nodes still
     * sit in the index for a paper added later that cites the same rare work, or cites the paper itself.
     */
    private static float[] unitWeights(int[] nodes, int own, float[] weight, double directWeight, boolean[] counted) {
        float[] w = new float[nodes.length];
        double norm = 0;
        double all = 0;
        for (int i = 0; i < nodes.length; i++) {
            double v = weight[nodes[i]] * (nodes[i] == own ? directWeight : 1.0);
            w[i] = (float) v;
            all += v * v;
            if (counted == null || counted[nodes[i]]) {
                norm += v * v;
            }
        }
        if (norm == 0) {
            norm = all;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < w.length; i++) {
                w[i] *= inv;
            }
        }
        return w;
    }

    private static int[] distinctSorted(int[] values, int size) {
        int[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }

    /** How many of the ascending nodes are catalogue papers (below {@code n}). */
    private static int catalogueReferences(int[] nodes, int n) {
        int at = Arrays.binarySearch(nodes, n);
        return at >= 0 ? at : -at - 1;
    }

    private static int intersection(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
        int count = 0;
        int i = aFrom;
        int j = bFrom;
        while (i < aTo && j < bTo) {
            if (a[i] == b[j]) {
                count++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return count;
    }
}
