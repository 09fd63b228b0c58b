package io.quiver.adapter.in.rest.qdrant.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What this server says it is. {@code version} is the Qdrant API level Quiver implements (clients compare
 * it with their own); {@code peerId} names this node in cluster answers.
 */
public record ServerIdentity(String version, String commit, long peerId) {

    public static final String TITLE = "qdrant - vector search engine";
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public ServerIdentity {
        Objects.requireNonNull(version, "version");
        if (!COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("commit must be 40 lowercase hex digits: " + commit);
        }
    }
}
