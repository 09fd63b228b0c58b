package io.quiver.adapter.in.rest.qdrant.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
            "text/json", "application/vnd.api+json", " application/json ;x=y"})
    void jsonContentTypes(String type) {
        assertThat(Requests.isJson(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/octet-stream", "json", "", "application/jsonp"})
    void otherContentTypes(String type) {
        assertThat(Requests.isJson(type)).isFalse();
    }
}
