package io.quiver.domain.point;

import java.util.Objects;

/**
 * Orders a scroll by a payload key with a range-capable index. {@code startFrom} is inclusive and in
 * the index's unit (datetimes as microseconds since the epoch).
 */
public record OrderBy(String key, boolean descending, Double startFrom) {
    public OrderBy {
        Objects.requireNonNull(key, "key");
    }
}
