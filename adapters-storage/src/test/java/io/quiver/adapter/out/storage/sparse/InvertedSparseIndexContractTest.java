package io.quiver.adapter.out.storage.sparse;

import io.quiver.application.port.out.SparseIndexContract;
import io.quiver.application.port.out.SparseIndexPort;

/** The in-memory inverted index against the contract (bit-for-bit equal to the brute-force formula). */
class InvertedSparseIndexContractTest extends SparseIndexContract {

    @Override
    protected SparseIndexPort openPort() {
        return new InMemorySparseIndexPort();
    }
}
