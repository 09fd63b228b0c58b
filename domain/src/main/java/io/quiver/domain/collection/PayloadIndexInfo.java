package io.quiver.domain.collection;

import io.quiver.domain.payload.PayloadValue.ObjectValue;

/** One indexed payload field as reported in a collection's payload schema. {@code params} may be null. */
public record PayloadIndexInfo(String dataType, ObjectValue params, long points) {
}
