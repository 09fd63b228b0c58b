package io.quiver.application.service;

import io.quiver.application.port.in.FacetUseCase;
import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

final class FacetService implements FacetUseCase {

    private final CollectionRegistry registry;

    FacetService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<FacetHit> facet(FacetQuery query) {
        LiveCollection collection = registry.resolve(query.collection());
        PayloadIndex index = collection.payloadIndexes().values().stream()
                .filter(i -> i.schema().fieldName().equals(query.key()) && i.schema().type().supportsFacet())
                .findFirst()
                .orElseThrow(() -> new BadRequestException("Index required but not found for \"" + query.key()
                        + "\" of one of the following types: [keyword, integer, bool, uuid]. Help: Create an index for"
                        + " this key or use a different filter."));
        Predicate<PointId> accept = id -> true;
        if (query.filter() != null) {
            Set<PointId> passing = new HashSet<>();
            FilteredPoints.visit(collection, query.filter(), null, p -> passing.add(p.id()));
            accept = passing::contains;
        }
        Map<PayloadValue, Long> counts = index.valueCounts(accept);
        List<FacetHit> hits = new ArrayList<>();
        counts.forEach((value, count) -> {
            if (count > 0) {
                hits.add(new FacetHit(value, count));
            }
        });
        hits.sort(Comparator.comparingLong(FacetHit::count).reversed().thenComparing(FacetHit::value, FacetService::byValue));
        return hits.subList(0, Math.min(query.limit(), hits.size()));
    }

    /** Ties in count are broken by value ascending, as Qdrant orders facet hits: numbers numerically. */
    private static int byValue(PayloadValue a, PayloadValue b) {
        Double x = a.asNumber();
        Double y = b.asNumber();
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        return String.valueOf(text(a)).compareTo(String.valueOf(text(b)));
    }

    private static String text(PayloadValue v) {
        return switch (v) {
            case PayloadValue.StringValue s -> s.value();
            case PayloadValue.BoolValue b -> String.valueOf(b.value());
            default -> v.toString();
        };
    }
}
