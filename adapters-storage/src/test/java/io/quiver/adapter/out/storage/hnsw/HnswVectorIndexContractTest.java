package io.quiver.adapter.out.storage.hnsw;

import io.quiver.application.port.out.VectorIndexContract;
import io.quiver.application.port.out.VectorIndexPort;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The HNSW adapter against the contract, persisting under a temporary storage folder. */
class HnswVectorIndexContractTest extends VectorIndexContract {

    @TempDir
    Path storage;

    @Override
    protected VectorIndexPort openPort() {
        return new HnswVectorIndexPort(storage, 1);
    }
}
