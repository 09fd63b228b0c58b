package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.common.uri.UriPath;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.InvalidPathParameterException;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.error.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Normalises paths the way Qdrant's router sees them, before routing: one trailing slash is trimmed, and
 * a collection name carrying an encoded slash ({@code %2F}) is answered as that (invalid or unknown) name
 * rather than being split into two path segments.
 */
public final class TrailingSlashFilter implements Filter {

    private static final String COLLECTIONS = "/collections/";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HttpPrologue prologue = req.prologue();
        String raw = prologue.uriPath().rawPath();
        if (raw.length() > 1 && raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
            req.prologue(prologue.withUriPath(UriPath.create(raw)));
        }
        rejectEncodedSlashInCollectionName(raw, prologue.method());
        chain.proceed();
    }

    private static void rejectEncodedSlashInCollectionName(String raw, Method method) {
        if (!raw.startsWith(COLLECTIONS) || !raw.toLowerCase(Locale.ROOT).contains("%2f")) {
            return;
        }
        String rest = raw.substring(COLLECTIONS.length());
        int end = rest.indexOf('/');
        String segment = end < 0 ? rest : rest.substring(0, end);
        if (!segment.toLowerCase(Locale.ROOT).contains("%2f")) {
            return;
        }
        String name = URLDecoder.decode(segment, StandardCharsets.UTF_8);
        if (end < 0 && method == Method.PUT) {
            try {
                CollectionName.check("collection_name", name);
            } catch (ValidationException e) {
                throw new InvalidPathParameterException(e);
            }
        }
        throw new NotFoundException("Collection `" + name + "` doesn't exist!");
    }
}
