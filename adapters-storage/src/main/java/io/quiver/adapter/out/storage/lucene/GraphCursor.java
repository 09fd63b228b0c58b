package io.quiver.adapter.out.storage.lucene;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;

import java.io.IOException;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A read view of an {@link OnHeapHnswGraph} with its own neighbour cursor. {@code OnHeapHnswGraph} keeps
 * the {@code seek}/{@code nextNeighbor} position in the graph object itself, so two searches through it
 * would move each other's cursor; Lucene's filter-aware searcher uses exactly that API. One cursor per
 * search makes concurrent searches safe while the graph is not being changed (the index's graph lock).
 */
final class GraphCursor extends HnswGraph {

    private final OnHeapHnswGraph graph;
    private NeighborArray current;
    private int upto;

    GraphCursor(OnHeapHnswGraph graph) {
        this.graph = graph;
    }

    @Override
    public void seek(int level, int target) {
        current = graph.getNeighbors(level, target);
        upto = -1;
    }

    @Override
    public int nextNeighbor() {
        if (++upto < current.size()) {
            return current.nodes()[upto];
        }
        return NO_MORE_DOCS;
    }

    @Override
    public int neighborCount() {
        return current.size();
    }

    @Override
    public int size() {
        return graph.size();
    }

    @Override
    public int maxNodeId() {
        return graph.maxNodeId();
    }

    @Override
    public int numLevels() throws IOException {
        return graph.numLevels();
    }

    @Override
    public int maxConn() {
        return graph.maxConn();
    }

    @Override
    public int entryNode() throws IOException {
        return graph.entryNode();
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
        return graph.getNodesOnLevel(level);
    }
}
