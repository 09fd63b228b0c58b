package io.quiver.bootstrap.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A small HTTP client for end-to-end tests that checks every request it sends and every response it
 * receives against Qdrant's OpenAPI document, failing the test with the validator's report on any
 * difference.
 *
 * <pre>{@code
 * ApiResponse r = client.put("/collections/books").json("""
 *         {"vectors": {"size": 4, "distance": "Cosine"}}""").send();
 * client.get("/collections/books").send().expect(200);
 * client.using(QdrantSpec.V1_18).post("/collections/books/points/search").json(...).send();
 * }</pre>
 *
 * <p>Three kinds of call:
 * <ul>
 *   <li>default: the request must conform to the document, and so must the response;</li>
 *   <li>{@link Call#violatingSpec()}: a negative test sends a request the document itself rejects (bad
 *       enum, size 0, broken JSON). The validator must agree that the request breaks the document (so the
 *       test's premise is checked too); the response is still validated in full;</li>
 *   <li>{@link Call#outsideSpec()}: a path or method the document does not have (e.g. an unknown URL).
 *       The validator must agree that it is not in the document; the response must be an error that
 *       matches the document's {@code ErrorResponse}.</li>
 * </ul>
 */
public final class ContractClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Operation whose error responses stand for "Qdrant's error envelope" when a path is outside the document. */
    private static final String ERROR_REFERENCE_PATH = "/collections/{collection_name}";

    private static final Set<String> OUTSIDE_SPEC_KEYS =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private final URI baseUri;
    private final QdrantSpec spec;

    private ContractClient(URI baseUri, QdrantSpec spec) {
        this.baseUri = baseUri;
        this.spec = spec;
    }

    /** A client for the server at {@code baseUri} that checks traffic against Qdrant 1.19's document. */
    public static ContractClient of(URI baseUri) {
        return new ContractClient(baseUri, QdrantSpec.V1_19);
    }

    /** The same server, checked against another document (e.g. 1.18 for the legacy search endpoints). */
    public ContractClient using(QdrantSpec other) {
        return new ContractClient(baseUri, other);
    }

    public URI baseUri() {
        return baseUri;
    }

    public QdrantSpec spec() {
        return spec;
    }

    public Call get(String path) {
        return new Call(Request.Method.GET, path);
    }

    public Call put(String path) {
        return new Call(Request.Method.PUT, path);
    }

    public Call post(String path) {
        return new Call(Request.Method.POST, path);
    }

    public Call patch(String path) {
        return new Call(Request.Method.PATCH, path);
    }

    public Call delete(String path) {
        return new Call(Request.Method.DELETE, path);
    }

    /** Percent-encodes one path segment (a collection name with odd characters, say). */
    public static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One request being put together; {@link #send()} performs and validates it. */
    public final class Call {
        private final Request.Method method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;
        private Expectation expectation = Expectation.CONFORMING;

        private Call(Request.Method method, String path) {
            if (!path.startsWith("/") || path.contains("?")) {
                throw new IllegalArgumentException("path must start with / and carry no query (use query()): " + path);
            }
            this.method = method;
            this.path = path;
        }

        /** Adds a query parameter (the value is encoded here). */
        public Call query(String name, Object value) {
            query.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(String.valueOf(value));
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A JSON body (sent as is, so that malformed JSON can be sent too). */
        public Call json(String json) {
            return body(json, "application/json");
        }

        /** A JSON body serialised from a Jackson tree or a plain Java map/list. */
        public Call json(Object tree) {
            try {
                return json(JSON.writeValueAsString(tree));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        public Call body(String content, String contentType) {
            this.body = content;
            headers.put("Content-Type", contentType);
            return this;
        }

        /** The request deliberately breaks the document (a negative test); the validator must say so. */
        public Call violatingSpec() {
            expectation = Expectation.VIOLATING;
            return this;
        }

        /** The path or method is not in the document at all; the answer must be Qdrant's error envelope. */
        public Call outsideSpec() {
            expectation = Expectation.OUTSIDE;
            return this;
        }

        public ApiResponse send() {
            SimpleRequest request = validatorRequest();
            HttpResponse<String> http = exchange();
            String contentType = http.headers().firstValue("Content-Type").orElse("");
            ApiResponse response = new ApiResponse(http.statusCode(), contentType, http.body(),
                    parse(contentType, http.body()));
            validate(request, http, response);
            return response;
        }

        private HttpResponse<String> exchange() {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(60));
            headers.forEach(b::header);
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
            b.method(method.name(), publisher);
            try {
                return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + uri() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private URI uri() {
            String q = query.entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(v ->
                            URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                    + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                    .collect(Collectors.joining("&"));
            String base = baseUri.toString().replaceAll("/+$", "");
            return URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
        }

        private SimpleRequest validatorRequest() {
            SimpleRequest.Builder r = new SimpleRequest.Builder(method, path);
            headers.forEach(r::withHeader);
            query.forEach(r::withQueryParam);
            if (body != null) {
                r.withBody(body);
            }
            return r.build();
        }

        private void validate(SimpleRequest request, HttpResponse<String> http, ApiResponse response) {
            OpenApiInteractionValidator validator = spec.validator();
            ValidationReport requestReport = validator.validateRequest(request);
            String call = method + " " + path + " → HTTP " + response.status() + " " + abbreviate(response.body());
            switch (expectation) {
                case CONFORMING -> failOn(requestReport, "request breaks " + spec, call);
                case VIOLATING -> {
                    if (!requestReport.hasErrors()) {
                        throw new AssertionError("the test says this request breaks " + spec
                                + " but the validator accepts it; drop violatingSpec() — " + call);
                    }
                    if (isOutsideSpec(requestReport)) {
                        throw new AssertionError("the path is not in " + spec + " at all; use outsideSpec() — "
                                + call + "\n" + format(requestReport));
                    }
                }
                case OUTSIDE -> {
                    if (!isOutsideSpec(requestReport)) {
                        throw new AssertionError("the test says this path/method is not in " + spec
                                + " but the validator found an operation for it — " + call + "\n"
                                + format(requestReport));
                    }
                    if (response.status() < 400) {
                        throw new AssertionError("an operation outside " + spec + " answered with success — " + call);
                    }
                    failOn(validator.validateResponse(ERROR_REFERENCE_PATH, Request.Method.GET,
                            validatorResponse(http)), "error answer is not Qdrant's ErrorResponse", call);
                    return;
                }
            }
            failOn(validator.validateResponse(path, method, validatorResponse(http)),
                    "response breaks " + spec, call);
        }

        private SimpleResponse validatorResponse(HttpResponse<String> http) {
            SimpleResponse.Builder r = new SimpleResponse.Builder(http.statusCode());
            http.headers().map().forEach((name, values) -> {
                // HTTP/2 pseudo headers and the like are not response headers the document can describe
                if (!name.startsWith(":")) {
                    r.withHeader(name, values);
                }
            });
            if (!http.body().isEmpty()) {
                r.withBody(http.body());
            }
            return r.build();
        }
    }

    private enum Expectation { CONFORMING, VIOLATING, OUTSIDE }

    private static boolean isOutsideSpec(ValidationReport report) {
        return report.hasErrors() && report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .allMatch(m -> OUTSIDE_SPEC_KEYS.contains(m.getKey()));
    }

    private static void failOn(ValidationReport report, String what, String call) {
        if (report.hasErrors()) {
            throw new AssertionError("OpenAPI contract violation: " + what + "\n  " + call + "\n" + format(report));
        }
    }

    private static String format(ValidationReport report) {
        String keys = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey).distinct()
                .collect(Collectors.joining(", ", "(message keys, for a whitelist rule in QdrantSpec: ", ")"));
        return SimpleValidationReportFormat.getInstance().apply(report) + "\n" + keys;
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }

    private static JsonNode parse(String contentType, String body) {
        if (!contentType.toLowerCase(Locale.ROOT).contains("json") || body.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the server declared " + contentType + " but sent invalid JSON: " + body, e);
        }
    }
}
