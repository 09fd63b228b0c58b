package io.quiver.application.service;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.LookupFrom;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns query vectors into literal vectors, looking ids up in this collection or in {@code lookup_from}. */
final class QueryVectors {

    private final CollectionRegistry registry;

    QueryVectors(CollectionRegistry registry) {
        this.registry = registry;
    }

    /** The literal vector; an id is read from the lookup collection's {@code using} (or lookup) vector. */
    VectorData resolve(QueryVector v, LiveCollection collection, String using, LookupFrom lookupFrom) {
        return switch (v) {
            case QueryVector.Literal l -> l.vector();
            case QueryVector.ById ref -> {
                LiveCollection source = lookupFrom == null ? collection : registry.resolve(lookupFrom.collection());
                String name = lookupFrom == null || lookupFrom.vector() == null ? using : lookupFrom.vector();
                Point point = source.points().get(ref.id()).orElseThrow(() ->
                        new NotFoundException("No point with id " + ref.id() + " found"));
                VectorData data = point.vectors().get(name);
                if (data == null) {
                    throw new BadInputException("Point " + ref.id() + " has no vector named `" + name + "`");
                }
                yield data;
            }
        };
    }

    /** The point ids a query takes vectors from (its examples given by id). */
    static Set<PointId> referencedIds(Query query) {
        List<QueryVector> vectors = new ArrayList<>();
        switch (query) {
            case Query.Nearest n -> vectors.add(n.vector());
            case Query.Recommend r -> {
                vectors.addAll(r.positive());
                vectors.addAll(r.negative());
            }
            case Query.Discover d -> {
                vectors.add(d.target());
                d.context().forEach(p -> vectors.addAll(List.of(p.positive(), p.negative())));
            }
            case Query.Context c -> c.pairs().forEach(p -> vectors.addAll(List.of(p.positive(), p.negative())));
            default -> {
                // fusion, sample and order_by name no vectors
            }
        }
        Set<PointId> ids = new HashSet<>();
        for (QueryVector v : vectors) {
            if (v instanceof QueryVector.ById ref) {
                ids.add(ref.id());
            }
        }
        return ids;
    }
}
