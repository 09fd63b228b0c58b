package io.quiver.adapter.out.storage.lucene;

import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an index keeps its vectors and what its graph scores, decided once from the spec:
 * <ul>
 *   <li>no quantization: floats on the heap ({@link HeapFloatVectors}), graph scored on them
 *       ({@link GraphScorers});</li>
 *   <li>scalar int8: floats in a mapped file per store ({@link MappedFloatVectors}, a new file for each
 *       compaction), int8 codes on the heap, graph scored on the codes ({@link QuantizedGraphScorers}).</li>
 * </ul>
 */
final class VectorLayout {

    private final VectorIndexSpec spec;
    private final Scoring scoring;
    private final LuceneGraphFiles files;
    private long nextGeneration;

    VectorLayout(VectorIndexSpec spec, Scoring scoring, LuceneGraphFiles files) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        this.files = files;
        if (quantized() && files == null) {
            throw new IllegalArgumentException("a quantized index needs a folder for its vectors");
        }
        try {
            this.nextGeneration = files == null ? 1 : files.lastFloatsGeneration() + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean quantized() {
        return spec.quantization().quantized();
    }

    /** An empty store; a quantized layout starts a new vectors file (the caller's building thread only). */
    OrdinalVectors newStore(int expected) {
        if (!quantized()) {
            return new OrdinalVectors(new HeapFloatVectors(spec.dimension()), expected);
        }
        Path file = files.floatsFile(nextGeneration++);
        try {
            return new OrdinalVectors(MappedFloatVectors.create(file, spec.dimension()), expected);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /**
     * Graph scorers for {@code store}; a quantized store built from {@code previous}'s vectors (compaction)
     * keeps its quantizer rather than training again.
     */
    GraphScoring scorers(OrdinalVectors store, GraphScoring previous) {
        if (!quantized()) {
            return new GraphScorers(store, scoring, spec.distance());
        }
        QuantizedVectors trained = previous instanceof QuantizedGraphScorers q ? q.codes() : null;
        return new QuantizedGraphScorers(store, spec.distance(), spec.quantization().quantile(),
                trained == null ? null : trained.quantizer(), trained == null ? 0 : trained.trainedOn());
    }

    /** The mapped file of a store's floats, or null for heap floats. */
    static Path floatsFile(OrdinalVectors store) {
        return store.floats() instanceof MappedFloatVectors mapped ? mapped.file() : null;
    }
}
