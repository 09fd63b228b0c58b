package io.quiver.application.port.in;

import io.quiver.domain.filter.Filter;

/** Counts the points that pass a filter (all points when the filter is null). */
public interface CountPointsUseCase {
    long count(String collection, Filter filter, boolean exact);
}
