package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.SCORING;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two small pieces the graph walk relies on: {@link GraphCursor} (a neighbour cursor of its own, so
 * that searches through one graph do not move each other's position) and {@link GraphScorers#similarity}
 * (positive, and higher for a better score whatever the distance).
 */
class LuceneGraphPartsTest {

    private static final int DIM = 16;

    private static OnHeapHnswGraph graphOf(LuceneTestData data, Distance distance) throws IOException {
        OrdinalVectors vectors = new OrdinalVectors(new HeapFloatVectors(DIM), data.vectors.length);
        for (int i = 0; i < data.vectors.length; i++) {
            vectors.append(id(i), data.vectors[i], 1);
        }
        HnswGraphBuilder builder = HnswGraphBuilder.create(new GraphScorers(vectors, SCORING, distance), 8, 32,
                LuceneVectorIndex.GRAPH_SEED, -1);
        for (int ord = 0; ord < data.vectors.length; ord++) {
            builder.addGraphNode(ord);
        }
        return builder.getGraph();
    }

    private static int[] neighbours(OnHeapHnswGraph graph, int level, int node) {
        NeighborArray array = graph.getNeighbors(level, node);
        return Arrays.copyOf(array.nodes(), array.size());
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    @Test
    void twoCursorsOverOneGraphKeepTheirOwnPositions() throws IOException {
        LuceneTestData data = LuceneTestData.clustered(121, 300, 0, DIM, 5, Distance.EUCLID);
        OnHeapHnswGraph graph = graphOf(data, Distance.EUCLID);
        GraphCursor first = new GraphCursor(graph);
        GraphCursor second = new GraphCursor(graph);
        assertThat(first.size()).isEqualTo(graph.size()).isEqualTo(300);
        assertThat(first.maxConn()).isEqualTo(graph.maxConn());
        assertThat(first.numLevels()).isEqualTo(graph.numLevels());
        assertThat(first.entryNode()).isEqualTo(graph.entryNode());

        for (int level = 0; level < graph.numLevels(); level++) {
            HnswGraph.NodesIterator nodes = graph.getNodesOnLevel(level);
            List<Integer> onLevel = new ArrayList<>();
            while (nodes.hasNext()) {
                onLevel.add(nodes.nextInt());
            }
            HnswGraph.NodesIterator viaCursor = first.getNodesOnLevel(level);
            assertThat(viaCursor.size()).isEqualTo(onLevel.size());
            for (int i = 0; i + 1 < onLevel.size(); i += 2) {
                int a = onLevel.get(i);
                int b = onLevel.get(i + 1);
                first.seek(level, a);
                second.seek(level, b); // must not move the first cursor
                assertThat(first.neighborCount()).isEqualTo(graph.getNeighbors(level, a).size());
                assertThat(second.neighborCount()).isEqualTo(graph.getNeighbors(level, b).size());
                List<Integer> fromFirst = new ArrayList<>();
                List<Integer> fromSecond = new ArrayList<>();
                boolean firstDone = false;
                boolean secondDone = false;
                while (!firstDone || !secondDone) { // interleaved, as two searches would
                    if (!firstDone) {
                        int n = first.nextNeighbor();
                        firstDone = n == NO_MORE_DOCS;
                        if (!firstDone) {
                            fromFirst.add(n);
                        }
                    }
                    if (!secondDone) {
                        int n = second.nextNeighbor();
                        secondDone = n == NO_MORE_DOCS;
                        if (!secondDone) {
                            fromSecond.add(n);
                        }
                    }
                }
                assertThat(fromFirst).containsExactlyElementsOf(boxed(neighbours(graph, level, a)));
                assertThat(fromSecond).containsExactlyElementsOf(boxed(neighbours(graph, level, b)));
                assertThat(first.nextNeighbor()).as("exhausted cursor").isEqualTo(NO_MORE_DOCS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void similarityIsPositiveAndOrdersLikeTheScore(Distance distance) {
        float[] scores = distance.higherIsBetter()
                ? new float[] {-1e6f, -100, -2.5f, -1, -0.5f, -1e-6f, 0, 1e-6f, 0.5f, 1, 2.5f, 100, 1e6f}
                : new float[] {0, 1e-6f, 0.5f, 1, 2.5f, 100, 1e6f};
        // best first by Qdrant's order: the similarity must fall all the way
        Float[] boxed = new Float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            boxed[i] = scores[i];
        }
        Arrays.sort(boxed, (x, y) -> Scoring.compareBestFirst(distance, x, y));
        float previous = Float.POSITIVE_INFINITY;
        for (Float score : boxed) {
            float similarity = GraphScorers.similarity(distance, score);
            assertThat(similarity).as("similarity of %s", score).isPositive().isFinite();
            assertThat(similarity).as("similarity of %s after %s", score, previous).isLessThan(previous);
            previous = similarity;
        }
    }
}
