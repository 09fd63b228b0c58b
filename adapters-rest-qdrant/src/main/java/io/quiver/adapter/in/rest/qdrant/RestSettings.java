package io.quiver.adapter.in.rest.qdrant;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the REST API behaves at the HTTP level: who may call it (API keys), whether browsers may (CORS),
 * how large a request may be, when a request counts as slow, and what the telemetry reports about the
 * node (when it started, where it stores data).
 *
 * @param apiKey               the key granting full access, or null
 * @param readOnlyApiKey       the key granting read access, or null; with neither key the API is open
 * @param enableCors           answer CORS preflights and allow any origin
 * @param maxRequestSizeMb     the largest request body accepted, in megabytes
 * @param slowRequestThreshold requests that take longer are logged at WARN
 * @param storagePath          where collections are stored (the telemetry reports its disk size)
 * @param startup              when this node started
 */
public record RestSettings(String apiKey, String readOnlyApiKey, boolean enableCors, int maxRequestSizeMb,
                           Duration slowRequestThreshold, Path storagePath, Instant startup) {

    public static final Duration DEFAULT_SLOW_REQUEST_THRESHOLD = Duration.ofSeconds(1);

    public RestSettings {
        if (maxRequestSizeMb < 1) {
            throw new IllegalArgumentException("maxRequestSizeMb must be at least 1, got " + maxRequestSizeMb);
        }
        Objects.requireNonNull(slowRequestThreshold, "slowRequestThreshold");
        Objects.requireNonNull(startup, "startup");
    }

    /** Open API, CORS on, Qdrant's 32 MB limit: what the server does when nothing is configured. */
    public static RestSettings defaults() {
        return new RestSettings(null, null, true, 32, DEFAULT_SLOW_REQUEST_THRESHOLD, null, Instant.now());
    }

    /** The request size limit in bytes. */
    public long maxRequestBytes() {
        return (long) maxRequestSizeMb * 1024 * 1024;
    }

    /** True when at least one key is configured, i.e. requests must authenticate. */
    public boolean authEnabled() {
        return apiKey != null || readOnlyApiKey != null;
    }

    /** Never shows the keys: settings may end up in a log line. */
    @Override
    public String toString() {
        return "RestSettings[apiKey=" + (apiKey == null ? "unset" : "***")
                + ", readOnlyApiKey=" + (readOnlyApiKey == null ? "unset" : "***")
                + ", enableCors=" + enableCors + ", maxRequestSizeMb=" + maxRequestSizeMb
                + ", slowRequestThreshold=" + slowRequestThreshold + ", storagePath=" + storagePath
                + ", startup=" + startup + "]";
    }
}
