package io.quiver.application.port.out;

/** The brute-force reference against its own contract: checks the contract's hand-computed cases. */
class ReferenceSparseIndexContractTest extends SparseIndexContract {

    @Override
    protected SparseIndexPort openPort() {
        return new ReferenceSparseIndexPort();
    }
}
