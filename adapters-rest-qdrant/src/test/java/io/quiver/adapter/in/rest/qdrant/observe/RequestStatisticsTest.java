package io.quiver.adapter.in.rest.qdrant.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestStatisticsTest {

    @Test
    void countsPerMethodRoutePatternAndStatusInQdrantsSpelling() {
        RequestStatistics stats = new RequestStatistics();
        stats.record("GET", "/collections/{collection_name}", 200, 2_000_000);
        stats.record("GET", "/collections/{collection_name}", 200, 4_000_000);
        stats.record("GET", "/collections/{collection_name}", 404, 1_000_000);
        stats.record("PUT", "/collections/{collection_name}/points", 500, 3_000_000);

        List<RequestStatistics.Snapshot> all = stats.snapshot();

        assertThat(all).extracting(s -> s.key().method() + " " + s.key().endpoint() + " " + s.key().status())
                .containsExactly("GET /collections/{name} 200", "GET /collections/{name} 404",
                        "PUT /collections/{name}/points 500");
        RequestStatistics.Snapshot ok = all.get(0);
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.failCount()).isZero();
        assertThat(ok.minNanos()).isEqualTo(2_000_000);
        assertThat(ok.maxNanos()).isEqualTo(4_000_000);
        assertThat(ok.totalNanos()).isEqualTo(6_000_000);
        assertThat(ok.recentAverageNanos()).isEqualTo(3_000_000.0);
        assertThat(ok.lastResponded()).isNotNull();
        assertThat(all.get(2).failCount()).as("a 5xx is a failure").isEqualTo(1);
        assertThat(all.get(1).failCount()).as("a 4xx is the client's mistake, not a failure").isZero();
    }

    @Test
    void histogramBucketsAreCumulativeAndEndAtTheCount() {
        RequestStatistics stats = new RequestStatistics();
        stats.record("GET", "/x", 200, 500_000);        // 0.5 ms
        stats.record("GET", "/x", 200, 30_000_000);     // 30 ms
        stats.record("GET", "/x", 200, 20_000_000_000L); // 20 s: beyond the last bucket

        long[] buckets = stats.snapshot().get(0).bucketCounts();

        assertThat(buckets[0]).as("le 0.001").isEqualTo(1);
        for (int i = 1; i < buckets.length; i++) {
            assertThat(buckets[i]).isGreaterThanOrEqualTo(buckets[i - 1]);
        }
        assertThat(buckets[buckets.length - 1]).as("le 10 (the 20 s one only counts under +Inf)").isEqualTo(2);
    }

    @Test
    void theAverageCoversTheLatest128Responses() {
        RequestStatistics stats = new RequestStatistics();
        for (int i = 0; i < 128; i++) {
            stats.record("GET", "/x", 200, 1_000);
        }
        for (int i = 0; i < 128; i++) {
            stats.record("GET", "/x", 200, 3_000);
        }

        RequestStatistics.Snapshot s = stats.snapshot().get(0);

        assertThat(s.recentAverageNanos()).isEqualTo(3_000.0);
        assertThat(s.minNanos()).as("min and max span all responses").isEqualTo(1_000);
        assertThat(s.count()).isEqualTo(256);
    }

    @Test
    void aRequestNoRouteMatchedIsFiledAsUnknown() {
        assertThat(RequestStatistics.qdrantPattern(null)).isEqualTo("unknown");
        assertThat(RequestStatistics.qdrantPattern("/collections/{collection_name}/index/{field_name}"))
                .isEqualTo("/collections/{name}/index/{field_name}");
    }
}
