package io.quiver.adapter.out.storage.vector;

import io.quiver.adapter.out.storage.memory.InMemoryVectorIndexPort;
import io.quiver.application.port.out.VectorIndexContract;
import io.quiver.application.port.out.VectorIndexPort;

/** The reference adapter against the contract: exact search, nothing persisted (sync restores everything). */
class ExactVectorIndexContractTest extends VectorIndexContract {

    @Override
    protected VectorIndexPort openPort() {
        return new InMemoryVectorIndexPort();
    }
}
