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
 * Normalises paths the way Qdrant's router sees them, before routing: one trailing slash is trimmed, a
 * collection name carrying an encoded slash ({@code %2F}) is answered as that (invalid or unknown) name
 * rather than being split into two path segments, and dot segments are never resolved into another route.
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
        rejectDotSegments(raw, prologue.method());
        chain.proceed();
    }

    /**
     * A {@code .} or {@code ..} segment (also percent-encoded) is taken literally by Qdrant's router, so it
     * names an unknown collection or snapshot; it must never be resolved into another route ({@code DELETE
     * /collections/c/snapshots/..} is not {@code DELETE /collections/c}).
     */
    private static void rejectDotSegments(String raw, Method method) {
        if (!raw.contains(".") && !raw.toLowerCase(Locale.ROOT).contains("%2e")) {
            return;
        }
        for (String segment : raw.split("/")) {
            String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) {
                throw new NotFoundException("no route for " + method.text() + " " + raw);
            }
        }
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
