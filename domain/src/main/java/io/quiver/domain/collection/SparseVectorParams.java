package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;
import io.quiver.domain.vector.Datatype;

/** One sparse vector space. Every field is optional, as in Qdrant; an empty object is valid. */
public record SparseVectorParams(Index index, Modifier modifier) {

    public enum Modifier {
        NONE("none"), IDF("idf");

        private final String label;

        Modifier(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The inverted index's settings. */
    public record Index(Long fullScanThreshold, Boolean onDisk, Memory memory, Datatype datatype) {
        public Index {
            new Validations().range("full_scan_threshold", fullScanThreshold, 0, null).throwIfAny();
        }
    }

    public static final SparseVectorParams DEFAULT = new SparseVectorParams(null, null);

    public boolean usesIdf() {
        return modifier == Modifier.IDF;
    }

    /** These params with {@code update}'s set parts laid over them. */
    public SparseVectorParams merge(SparseVectorParams update) {
        return new SparseVectorParams(update.index != null ? update.index : index,
                update.modifier != null ? update.modifier : modifier);
    }
}
