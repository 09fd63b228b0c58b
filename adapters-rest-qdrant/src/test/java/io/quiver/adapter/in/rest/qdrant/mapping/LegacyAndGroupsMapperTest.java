package io.quiver.adapter.in.rest.qdrant.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.application.port.in.GroupPointsUseCase.GroupRequest;
import io.quiver.application.port.in.GroupPointsUseCase.PointGroup;
import io.quiver.application.port.in.SearchMatrixUseCase.Matrix;
import io.quiver.application.port.in.SearchMatrixUseCase.MatrixRequest;
import io.quiver.application.port.in.SearchMatrixUseCase.Neighbour;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.query.LookupFrom;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the legacy recommend/discover/search requests, the groups requests and the matrix request. */
class LegacyAndGroupsMapperTest {

    @Test
    void recommendBecomesARecommendQueryWithLegacyLookupDefaults() {
        QueryRequest r = LegacyMapper.recommend(PayloadMother.json("""
                {"positive": [1, [0.5, 0.5]], "negative": ["5f4e9c2a-6f1b-4c8e-9a55-0d2f6c1b7e30"],
                 "strategy": "best_score", "using": "img", "lookup_from": {"collection": "other"},
                 "limit": 3, "offset": null, "score_threshold": 0.2, "with_vectors": true}"""), "");

        Query.Recommend q = (Query.Recommend) r.query();
        assertThat(q.strategy()).isEqualTo(Query.RecommendStrategy.BEST_SCORE);
        assertThat(q.positive()).hasSize(2).first().isEqualTo(new QueryVector.ById(PointId.of(1)));
        assertThat(r.using()).isEqualTo("img");
        // legacy lookup_from without a vector reads the default vector, not `using`
        assertThat(r.lookupFrom()).isEqualTo(new LookupFrom("other", ""));
        assertThat(r.limit()).isEqualTo(3);
        assertThat(r.offset()).isZero();
        assertThat(r.scoreThreshold()).isEqualTo(0.2f);
        assertThat(r.withVector()).isEqualTo(WithVector.ALL);
    }

    @Test
    void recommendChecksExamplesAndLimit() {
        assertThatThrownBy(() -> LegacyMapper.recommend(PayloadMother.json("{\"negative\": [1], \"limit\": 3}"), ""))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("At least one positive");
        assertThatThrownBy(() -> LegacyMapper.recommend(PayloadMother.json(
                "{\"strategy\": \"sum_scores\", \"limit\": 3}"), ""))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("positive or negative");
        assertThatThrownBy(() -> LegacyMapper.recommend(PayloadMother.json("{\"positive\": [1]}"), ""))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> LegacyMapper.recommend(PayloadMother.json("{\"positive\": [1], \"limit\": 0}"), ""))
                .isInstanceOf(ValidationException.class).hasMessageContaining("limit");
    }

    @Test
    void discoverWithoutTargetIsAContextQuery() {
        QueryRequest withTarget = LegacyMapper.discover(PayloadMother.json("""
                {"target": 1, "context": [{"positive": 2, "negative": 3}], "limit": 2, "score_threshold": 9}"""), "");
        QueryRequest contextOnly = LegacyMapper.discover(PayloadMother.json("""
                {"context": [{"positive": 2, "negative": 3}], "limit": 2}"""), "");

        assertThat(withTarget.query()).isInstanceOf(Query.Discover.class);
        assertThat(withTarget.scoreThreshold()).isNull();
        assertThat(contextOnly.query()).isInstanceOf(Query.Context.class);
        assertThatThrownBy(() -> LegacyMapper.discover(PayloadMother.json("{\"limit\": 2}"), ""))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("target and/or context_pairs");
    }

    @Test
    void batchReportsPathsPerSearch() {
        assertThatThrownBy(() -> LegacyMapper.batch(PayloadMother.json(
                "{\"searches\": [{\"positive\": [1], \"limit\": 1}, {\"positive\": [1], \"limit\": 0}]}"),
                LegacyMapper::recommend)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("searches[1].limit");
    }

    @Test
    void namedSparseSearchIsANearestQueryOnTheSparseVector() {
        var body = PayloadMother.json("""
                {"vector": {"name": "text", "vector": {"indices": [3, 1], "values": [0.5, 1]}}, "limit": 4}""");

        assertThat(LegacyMapper.isSparseSearch(body)).isTrue();
        assertThat(LegacyMapper.isSparseSearch(PayloadMother.json("{\"vector\": [1, 2], \"limit\": 1}"))).isFalse();
        QueryRequest r = LegacyMapper.search(body, "");
        assertThat(r.using()).isEqualTo("text");
        assertThat(((QueryVector.Literal) ((Query.Nearest) r.query()).vector()).vector())
                .isInstanceOf(VectorData.Sparse.class);
    }

    @Test
    void queryGroupsDefaultsAndWithLookupForms() {
        GroupRequest defaults = GroupsMapper.query(PayloadMother.json("{\"query\": [1, 0], \"group_by\": \"doc\"}"));
        GroupRequest named = GroupsMapper.query(PayloadMother.json(
                "{\"group_by\": \"doc\", \"group_size\": 2, \"limit\": 4, \"with_lookup\": \"owners\"}"));
        GroupRequest object = GroupsMapper.query(PayloadMother.json("""
                {"group_by": "doc", "with_lookup": {"collection": "owners", "with_payload": false,
                 "with_vectors": true}}"""));

        assertThat(defaults.groupSize()).isEqualTo(3);
        assertThat(defaults.limit()).isEqualTo(10);
        assertThat(defaults.withLookup()).isNull();
        assertThat(named.groupSize()).isEqualTo(2);
        assertThat(named.limit()).isEqualTo(4);
        assertThat(named.withLookup().withPayload()).isEqualTo(WithPayload.ALL);
        assertThat(named.withLookup().withVector()).isEqualTo(WithVector.NONE);
        assertThat(object.withLookup().withPayload()).isEqualTo(WithPayload.NONE);
        assertThat(object.withLookup().withVector()).isEqualTo(WithVector.ALL);
    }

    @Test
    void legacyGroupsNeedTheirFields() {
        assertThatThrownBy(() -> GroupsMapper.search(PayloadMother.json(
                "{\"vector\": [1, 0], \"group_by\": \"doc\", \"limit\": 2}")))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("group_size");
        assertThatThrownBy(() -> GroupsMapper.query(PayloadMother.json("{\"query\": [1, 0]}")))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("group_by");
        GroupRequest r = GroupsMapper.recommend(PayloadMother.json(
                "{\"positive\": [1], \"group_by\": \"doc\", \"group_size\": 1, \"limit\": 2}"));
        assertThat(r.source().query()).isInstanceOf(Query.Recommend.class);
    }

    @Test
    void writesGroupsWithIdsOfBothKinds() throws IOException {
        ScoredPoint hit = new ScoredPoint(new PointRecord(PointId.of(1), null, null, null), 0.5f, 3);
        String json = write(g -> GroupsMapper.writeGroups(g, List.of(
                new PointGroup(PayloadValue.of("a"), List.of(hit), null),
                new PointGroup(PayloadValue.of(7), List.of(hit), new PointRecord(PointId.of(7),
                        PayloadMother.json("{\"n\": 1}"), null, null)))));

        assertThat(json).isEqualTo("{\"groups\":[{\"id\":\"a\",\"hits\":[{\"id\":1,\"version\":3,\"score\":0.5}]},"
                + "{\"id\":7,\"hits\":[{\"id\":1,\"version\":3,\"score\":0.5}],\"lookup\":{\"id\":7,\"payload\":{\"n\":1}}}]}");
    }

    @Test
    void matrixDefaultsAndBothOutputForms() throws IOException {
        MatrixRequest defaults = MatrixMapper.request(PayloadMother.json("{}"));
        assertThat(defaults).isEqualTo(new MatrixRequest(10, 3, "", null));

        Matrix m = new Matrix(List.of(PointId.of(1), PointId.of(2)), List.of(
                List.of(new Neighbour(PointId.of(2), 0.5f)), List.of(new Neighbour(PointId.of(1), 0.5f))));
        assertThat(write(g -> MatrixMapper.writePairs(g, m))).isEqualTo(
                "{\"pairs\":[{\"a\":1,\"b\":2,\"score\":0.5},{\"a\":2,\"b\":1,\"score\":0.5}]}");
        assertThat(write(g -> MatrixMapper.writeOffsets(g, m))).isEqualTo(
                "{\"offsets_row\":[0,1],\"offsets_col\":[1,0],\"scores\":[0.5,0.5],\"ids\":[1,2]}");
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Writer writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonTrees.generator(out)) {
            writer.write(g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
