package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.quiver.domain.error.ForbiddenException;
import io.quiver.domain.error.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Qdrant's API-key check. The key travels in the {@code api-key} header or as
 * {@code Authorization: Bearer <key>}; the full key may do anything, the read-only key may only read
 * (GET, and the POST endpoints that only search or fetch). The root and the health probes stay open.
 * Keys are compared in constant time (as SHA-256 digests, so not even their length leaks) and are never
 * logged; a failure is a domain exception that the one error mapper turns into Qdrant's 401/403 envelope.
 */
public final class ApiKeyFilter implements Filter {

    static final String MISSING = "Must provide an API key or an Authorization bearer token";
    static final String INVALID = "Invalid API key or JWT";
    static final String READ_ONLY = "Global manage access is required";

    private static final Set<String> OPEN_PATHS = Set.of("/", "/healthz", "/livez", "/readyz");
    private static final String BEARER = "Bearer ";

    /** POST endpoints that only read: retrieve, scroll, count, search/recommend/discover/query (+ batch, groups, matrix), facet. */
    private static final Pattern READ_POSTS = Pattern.compile("/collections/[^/]+/(?:facet|points(?:/(?:scroll|count"
            + "|search(?:/(?:batch|groups|matrix/pairs|matrix/offsets))?|recommend(?:/(?:batch|groups))?"
            + "|discover(?:/batch)?|query(?:/(?:batch|groups))?))?)");

    private final byte[] fullKeyDigest;
    private final byte[] readOnlyKeyDigest;

    /**
     * @param apiKey         the key granting full access, or null
     * @param readOnlyApiKey the key granting read access, or null (at least one must be set)
     */
    public ApiKeyFilter(String apiKey, String readOnlyApiKey) {
        if (apiKey == null && readOnlyApiKey == null) {
            throw new IllegalArgumentException("an API key filter needs at least one key");
        }
        this.fullKeyDigest = apiKey == null ? null : digest(apiKey);
        this.readOnlyKeyDigest = readOnlyApiKey == null ? null : digest(readOnlyApiKey);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().rawPath();
        if (!OPEN_PATHS.contains(path)) {
            Access access = authenticate(presentedKey(req));
            if (access == Access.READ && !isRead(req.prologue().method(), path)) {
                throw new ForbiddenException(READ_ONLY);
            }
        }
        chain.proceed();
    }

    private enum Access { FULL, READ }

    private Access authenticate(Optional<String> key) {
        if (key.isEmpty()) {
            throw new UnauthorizedException(MISSING);
        }
        byte[] presented = digest(key.get());
        // both comparisons always run (whatever the first says), in time independent of the key's content
        boolean full = fullKeyDigest != null && MessageDigest.isEqual(presented, fullKeyDigest);
        boolean read = readOnlyKeyDigest != null && MessageDigest.isEqual(presented, readOnlyKeyDigest);
        if (full) {
            return Access.FULL;
        }
        if (read) {
            return Access.READ;
        }
        throw new UnauthorizedException(INVALID);
    }

    /** The {@code api-key} header if present (as in Qdrant, it wins), else a bearer token. */
    private static Optional<String> presentedKey(RoutingRequest req) {
        Optional<String> apiKey = req.headers().first(HeaderNames.create("api-key"));
        if (apiKey.isPresent()) {
            return apiKey;
        }
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.startsWith(BEARER))
                .map(v -> v.substring(BEARER.length()));
    }

    static boolean isRead(Method method, String path) {
        if (method == Method.GET || method == Method.HEAD || method == Method.OPTIONS) {
            return true;
        }
        return method == Method.POST && READ_POSTS.matcher(path).matches();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeyFilter[full key " + (fullKeyDigest == null ? "unset" : "set") + ", read-only key "
                + (readOnlyKeyDigest == null ? "unset" : "set") + "]";
    }
}
