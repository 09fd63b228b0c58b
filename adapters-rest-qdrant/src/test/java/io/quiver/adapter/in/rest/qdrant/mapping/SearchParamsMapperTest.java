package io.quiver.adapter.in.rest.qdrant.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.error.ValidationException.Violation;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.SearchParams;
import org.junit.jupiter.api.Test;

/** Reading {@code params} ({@code SearchParams}), its {@code quantization} object in particular. */
class SearchParamsMapperTest {

    private static SearchParams read(String json) {
        return PointsMapper.searchParams(TreeReader.of(PayloadMother.json(json), ""));
    }

    @Test
    void withoutParamsOrQuantizationTheDefaultsHold() {
        assertThat(read("{}")).isEqualTo(SearchParams.DEFAULT);
        assertThat(read("{\"params\": null}")).isEqualTo(SearchParams.DEFAULT);
        assertThat(read("{\"params\": {\"hnsw_ef\": 32, \"exact\": true}}"))
                .isEqualTo(new SearchParams(32, true, false, null));
        assertThat(read("{\"params\": {\"quantization\": null}}").quantization()).isNull();
    }

    @Test
    void quantizationIsReadWithQdrantsDefaultsLeftOpen() {
        assertThat(read("{\"params\": {\"quantization\": {\"ignore\": true, \"rescore\": false, \"oversampling\": 2.5}}}")
                .quantization()).isEqualTo(new SearchParams.Quantization(true, false, 2.5));
        // absent fields: ignore false, rescore and oversampling left to the index; unknown fields are accepted
        assertThat(read("{\"params\": {\"quantization\": {\"future\": 1}, \"acorn\": {\"enable\": true}}}")
                .quantization()).isEqualTo(new SearchParams.Quantization(false, null, null));
        assertThat(read("{\"params\": {\"quantization\": {\"oversampling\": 3}}}").quantization().oversampling())
                .isEqualTo(3.0);
        assertThat(read("{\"params\": {\"quantization\": {\"oversampling\": 1}}}").quantization().oversampling())
                .isEqualTo(1.0);
    }

    @Test
    void oversamplingBelowOneIsAValidationErrorWordedAsQdrants() {
        assertThatThrownBy(() -> read("{\"params\": {\"quantization\": {\"oversampling\": 0.5}}}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("params.quantization.oversampling", "value 0.5 invalid, must be 1.0 or larger")));
        // in a batch, the request's position comes first
        assertThatThrownBy(() -> QueryMapper.batch(PayloadMother.json(
                "{\"searches\": [{\"query\": [1, 2]}, {\"query\": [1, 2], \"params\": {\"quantization\": {\"oversampling\": 0}}}]}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("searches[1].params.quantization.oversampling",
                                "value 0.0 invalid, must be 1.0 or larger")));
    }

    @Test
    void wronglyTypedQuantizationFieldsAreMalformedInput() {
        assertThatThrownBy(() -> read("{\"params\": {\"quantization\": {\"rescore\": \"yes\"}}}"))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("params.quantization.rescore");
        assertThatThrownBy(() -> read("{\"params\": {\"quantization\": {\"oversampling\": \"lots\"}}}"))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("params.quantization.oversampling");
        assertThatThrownBy(() -> read("{\"params\": {\"quantization\": true}}"))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("params.quantization");
    }

    @Test
    void theLegacySearchReadsTheSameParams() {
        assertThat(LegacyMapper.search(PayloadMother.json(
                "{\"vector\": [1, 2], \"limit\": 3, \"params\": {\"quantization\": {\"rescore\": true}}}"), "")
                .params().quantization()).isEqualTo(new SearchParams.Quantization(false, true, null));
    }
}
