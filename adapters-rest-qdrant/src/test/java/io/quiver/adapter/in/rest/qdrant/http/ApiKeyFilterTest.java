package io.quiver.adapter.in.rest.qdrant.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiKeyFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/collections/c/points", "/collections/c/points/scroll", "/collections/c/points/count",
            "/collections/c/points/search", "/collections/c/points/search/batch", "/collections/c/points/search/groups",
            "/collections/c/points/search/matrix/pairs", "/collections/c/points/search/matrix/offsets",
            "/collections/c/points/recommend", "/collections/c/points/recommend/batch",
            "/collections/c/points/recommend/groups", "/collections/c/points/discover",
            "/collections/c/points/discover/batch", "/collections/c/points/query", "/collections/c/points/query/batch",
            "/collections/c/points/query/groups", "/collections/c/facet"})
    void theReadOnlyKeyMayPostToTheReadEndpoints(String path) {
        assertThat(ApiKeyFilter.isRead(Method.POST, path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/collections/c/points/delete", "/collections/c/points/payload",
            "/collections/c/points/payload/delete", "/collections/c/points/payload/clear", "/collections/c/points/vectors",
            "/collections/c/points/vectors/delete", "/collections/c/points/batch", "/collections/aliases",
            "/collections/c/snapshots", "/snapshots", "/cluster/recover", "/collections/c/points/query/extra",
            "/collections/a/b/points/query"})
    void everyOtherPostIsAWrite(String path) {
        assertThat(ApiKeyFilter.isRead(Method.POST, path)).isFalse();
    }

    @Test
    void getIsAReadAndPutPatchDeleteAreWrites() {
        assertThat(ApiKeyFilter.isRead(Method.GET, "/collections/c")).isTrue();
        assertThat(ApiKeyFilter.isRead(Method.PUT, "/collections/c/points")).isFalse();
        assertThat(ApiKeyFilter.isRead(Method.PATCH, "/collections/c")).isFalse();
        assertThat(ApiKeyFilter.isRead(Method.DELETE, "/issues")).isFalse();
    }

    @Test
    void needsAKeyAndNeverShowsOne() {
        assertThatThrownBy(() -> new ApiKeyFilter(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ApiKeyFilter("top-secret", "read-secret").toString())
                .doesNotContain("top-secret").doesNotContain("read-secret");
    }
}
