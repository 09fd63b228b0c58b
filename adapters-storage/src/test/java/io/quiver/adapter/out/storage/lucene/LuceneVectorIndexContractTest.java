package io.quiver.adapter.out.storage.lucene;

import io.quiver.application.port.out.VectorIndexContract;
import io.quiver.application.port.out.VectorIndexPort;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene HNSW adapter against the contract, persisting under a temporary storage folder. */
class LuceneVectorIndexContractTest extends VectorIndexContract {

    @TempDir
    Path storage;

    @Override
    protected VectorIndexPort openPort() {
        return new LuceneVectorIndexPort(storage, 1);
    }
}
