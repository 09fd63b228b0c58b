package io.quiver.adapter.in.rest.qdrant.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void writesHelpTypeAndSamplesWithEscapedLabels() {
        String text = new PrometheusText()
                .family("collection_points", "gauge", "points per collection")
                .sample("collection_points", 3, "id", "a \"quoted\" \\ name\nwith a newline")
                .sample("collection_points", 0.25, "id", "b")
                .toString();

        assertThat(text).isEqualTo("""
                # HELP collection_points points per collection
                # TYPE collection_points gauge
                collection_points{id="a \\"quoted\\" \\\\ name\\nwith a newline"} 3
                collection_points{id="b"} 0.25
                """);
    }

    @Test
    void numbersAreWrittenWithoutExponents() {
        assertThat(PrometheusText.format(1.795561909767E9)).isEqualTo("1795561909.767");
        assertThat(PrometheusText.format(2.13876E-4)).isEqualTo("0.000213876");
        assertThat(PrometheusText.format(42)).isEqualTo("42");
        assertThat(PrometheusText.format(-1)).isEqualTo("-1");
        assertThat(PrometheusText.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }
}
