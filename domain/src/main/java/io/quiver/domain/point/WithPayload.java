package io.quiver.domain.point;

import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadOperations;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.List;

/** Which part of a point's payload a read returns: all, none, only some keys, or all but some keys. */
public sealed interface WithPayload {

    WithPayload ALL = new All();
    WithPayload NONE = new None();

    record All() implements WithPayload {
    }

    record None() implements WithPayload {
    }

    record Include(List<JsonPath> keys) implements WithPayload {
        public Include {
            keys = List.copyOf(keys);
        }
    }

    record Exclude(List<JsonPath> keys) implements WithPayload {
        public Exclude {
            keys = List.copyOf(keys);
        }
    }

    /** The selected payload, or null when none is wanted. */
    default ObjectValue apply(ObjectValue payload) {
        return switch (this) {
            case All a -> payload;
            case None n -> null;
            case Include i -> PayloadOperations.select(payload, i.keys(), null);
            case Exclude e -> PayloadOperations.select(payload, null, e.keys());
        };
    }
}
