package io.quiver.adapter.out.storage.sparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.ReferenceSparseIndexPort;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the contract cannot see: posting-list bookkeeping, windows, and a filter asked only as needed. */
class InvertedSparseIndexTest {

    private static VectorData.Sparse sparse(int[] indices, float[] values) {
        return new VectorData.Sparse(indices, values);
    }

    @Test
    void postingListsFollowUpdatesAndRemovals() {
        InvertedSparseIndex index = new InvertedSparseIndex();
        index.upsert(PointId.of(1), sparse(new int[] {1, 2, 3}, new float[] {1, 1, 1}));
        index.upsert(PointId.of(2), sparse(new int[] {2, 3}, new float[] {1, 1}));
        assertThat(index.pointsHolding(2)).isEqualTo(2);
        assertThat(index.dimensions()).isEqualTo(3);

        index.upsert(PointId.of(1), sparse(new int[] {3, 4}, new float[] {1, 1}));
        assertThat(index.pointsHolding(1)).isZero();
        assertThat(index.pointsHolding(2)).isEqualTo(1);
        assertThat(index.pointsHolding(3)).isEqualTo(2);
        assertThat(index.pointsHolding(4)).isEqualTo(1);
        assertThat(index.dimensions()).isEqualTo(3); // an emptied posting list is dropped

        index.remove(PointId.of(2));
        index.remove(PointId.of(1));
        assertThat(index.size()).isZero();
        assertThat(index.dimensions()).isZero();
    }

    @Test
    void freedOrdinalsAreReusedWithoutStaleScores() {
        InvertedSparseIndex index = new InvertedSparseIndex();
        for (int i = 0; i < 100; i++) {
            index.upsert(PointId.of(i), sparse(new int[] {i % 7}, new float[] {i}));
        }
        for (int i = 0; i < 100; i += 2) {
            index.remove(PointId.of(i));
        }
        for (int i = 1000; i < 1050; i++) {
            index.upsert(PointId.of(i), sparse(new int[] {8}, new float[] {1}));
        }
        assertThat(index.search(sparse(new int[] {8}, new float[] {1}), 100, false, null, null)).hasSize(50)
                .extracting(ScoredId::id).allMatch(id -> ((PointId.NumericId) id).value() >= 1000);
        assertThat(index.search(sparse(new int[] {0, 1, 2, 3, 4, 5, 6}, new float[] {1, 1, 1, 1, 1, 1, 1}),
                100, false, null, null)).hasSize(50)
                .extracting(ScoredId::id).allMatch(id -> ((PointId.NumericId) id).value() % 2 == 1);
    }

    @Test
    void scoresSpanningManyWindowsMatchTheBruteForce() {
        InvertedSparseIndex index = new InvertedSparseIndex();
        Map<PointId, VectorData.Sparse> stored = new LinkedHashMap<>();
        int n = InvertedSparseIndex.WINDOW * 3 + 17;
        for (int i = 0; i < n; i++) {
            // sparse dimension 1 (a gap of whole windows), dense dimension 2
            VectorData.Sparse v = i % 5000 == 0 ? sparse(new int[] {1, 2}, new float[] {i, 0.25f})
                    : sparse(new int[] {2}, new float[] {i % 97});
            stored.put(PointId.of(i), v);
            index.upsert(PointId.of(i), v);
        }
        for (boolean idf : new boolean[] {false, true}) {
            VectorData.Sparse q = sparse(new int[] {1, 2}, new float[] {3, 0.5f});
            assertThat(index.search(q, 50, idf, null, null))
                    .containsExactlyElementsOf(ReferenceSparseIndexPort.bruteForce(stored, q, 50, idf, null, null));
            VectorData.Sparse rare = sparse(new int[] {1}, new float[] {1});
            assertThat(index.search(rare, 10, idf, null, null)).extracting(ScoredId::id)
                    .containsExactly(PointId.of(10_000), PointId.of(5000), PointId.of(0));
        }
    }

    @Test
    void largeAndSmallCandidateSetsTakeDifferentPathsToTheSameAnswer() {
        InvertedSparseIndex index = new InvertedSparseIndex();
        Map<PointId, VectorData.Sparse> stored = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            VectorData.Sparse v = i % 3 == 0 ? sparse(new int[] {1, 2}, new float[] {i % 13, 0.5f})
                    : sparse(new int[] {1}, new float[] {i % 17});
            stored.put(PointId.of(i), v);
            index.upsert(PointId.of(i), v);
        }
        VectorData.Sparse q = sparse(new int[] {1, 2}, new float[] {1, 3});
        Set<PointId> many = new HashSet<>(); // more candidates than postings to walk: walked by postings
        for (int i = 0; i < 1400; i += 1) {
            many.add(PointId.of(i * 7L % 1500));
        }
        Set<PointId> few = Set.of(PointId.of(3), PointId.of(4), PointId.of(999), PointId.of(5000)); // scored one by one
        for (boolean idf : new boolean[] {false, true}) {
            for (Set<PointId> candidates : List.of(many, few)) {
                assertThat(index.search(q, 25, idf, candidates, null)).containsExactlyElementsOf(
                        ReferenceSparseIndexPort.bruteForce(stored, q, 25, idf, candidates, null));
                assertThat(index.search(q, 25, idf, candidates, id -> id.hashCode() % 3 != 0)).containsExactlyElementsOf(
                        ReferenceSparseIndexPort.bruteForce(stored, q, 25, idf, candidates, id -> id.hashCode() % 3 != 0));
            }
        }
    }

    @Test
    void theFilterIsAskedOnlyUntilLimitPointsPass() {
        InvertedSparseIndex index = new InvertedSparseIndex();
        for (int i = 0; i < 1000; i++) {
            index.upsert(PointId.of(i), sparse(new int[] {1}, new float[] {i}));
        }
        Set<PointId> asked = new HashSet<>();
        List<ScoredId> hits = index.search(sparse(new int[] {1}, new float[] {1}), 5, false, null, id -> {
            asked.add(id);
            return ((PointId.NumericId) id).value() != 998;
        });
        assertThat(hits).extracting(ScoredId::id)
                .containsExactly(PointId.of(999), PointId.of(997), PointId.of(996), PointId.of(995), PointId.of(994));
        assertThat(asked).hasSize(6);
    }
}
