package io.quiver.adapter.out.storage.lucene;

import io.quiver.application.port.out.VectorIndexContract;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene HNSW adapter with scalar int8 quantization against the contract: quantization may not show. */
class LuceneQuantizedVectorIndexContractTest extends VectorIndexContract {

    @TempDir
    Path storage;

    @Override
    protected VectorIndexSpec.Quantization quantization() {
        return VectorIndexSpec.Quantization.scalarInt8(0.99f);
    }

    @Override
    protected VectorIndexPort openPort() {
        return new LuceneVectorIndexPort(storage, 1);
    }
}
