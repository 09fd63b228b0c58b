package io.quiver.domain.point;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which of a point's vectors a read returns: all, none, or the named ones. */
public sealed interface WithVector {

    WithVector ALL = new All();
    WithVector NONE = new None();

    record All() implements WithVector {
    }

    record None() implements WithVector {
    }

    record Names(List<String> names) implements WithVector {
        public Names {
            names = List.copyOf(names);
        }
    }

    /** The selected vectors, or null when none are wanted. */
    default Map<String, VectorData> apply(Map<String, VectorData> vectors) {
        return switch (this) {
            case All a -> vectors;
            case None n -> null;
            case Names n -> {
                Map<String, VectorData> picked = new LinkedHashMap<>();
                for (String name : n.names()) {
                    VectorData v = vectors.get(name);
                    if (v != null) {
                        picked.put(name, v);
                    }
                }
                yield picked;
            }
        };
    }
}
