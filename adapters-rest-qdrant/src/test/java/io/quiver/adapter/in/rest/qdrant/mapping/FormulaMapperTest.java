package io.quiver.adapter.in.rest.qdrant.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.filter.Condition;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.GeoPoint;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.OrderBy;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.query.Expression;
import io.quiver.domain.query.Formula;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code formula} and {@code order_by} queries, and writing {@code order_value}. */
class FormulaMapperTest {

    private static Query query(String json) {
        return QueryMapper.request(PayloadMother.json(json), "").query();
    }

    private static Formula formula(String json) {
        return ((Query.FormulaQuery) query("{\"query\": " + json + "}")).formula();
    }

    private static Expression expression(String json) {
        return formula("{\"formula\": " + json + "}").expression();
    }

    @Test
    void constantsAndVariables() {
        // constants are f32 in Qdrant
        assertThat(expression("0.1")).isEqualTo(new Expression.Constant((float) 0.1));
        assertThat(expression("\"$score\"")).isEqualTo(new Expression.Score(0));
        assertThat(expression("\"$score[2]\"")).isEqualTo(new Expression.Score(2));
        assertThat(expression("\"meta.price\"")).isEqualTo(new Expression.Variable(JsonPath.parse("meta.price")));
        assertThatThrownBy(() -> expression("\"$other\"")).isInstanceOf(BadInputException.class)
                .hasMessage("Invalid reserved word: $other");
    }

    @Test
    void conditionsAreReadLikeFilterConditions() {
        assertThat(expression("{\"key\": \"tag\", \"match\": {\"value\": \"red\"}}"))
                .isInstanceOfSatisfying(Expression.Check.class, c -> assertThat(c.condition()).isInstanceOf(FieldCondition.class));
        assertThat(expression("{\"has_id\": [1, 2]}"))
                .isEqualTo(new Expression.Check(new Condition.HasId(java.util.Set.of(PointId.of(1), PointId.of(2)))));
        assertThat(expression("{\"must\": [{\"is_empty\": {\"key\": \"a\"}}]}"))
                .isInstanceOfSatisfying(Expression.Check.class,
                        c -> assertThat(c.condition()).isInstanceOf(Condition.NestedFilter.class));
    }

    @Test
    void everyOperator() {
        Expression e = expression("""
                {"sum": [{"mult": [2, "$score"]}, {"neg": 1}, {"abs": -1}, {"sqrt": 4}, {"exp": 0}, {"log10": 10},
                         {"ln": 1}, {"pow": {"base": 2, "exponent": 3}},
                         {"div": {"left": 1, "right": "x", "by_zero_default": 0.5}},
                         {"geo_distance": {"origin": {"lon": 10, "lat": 20}, "to": "loc"}},
                         {"datetime": "2024-01-01T00:00:00Z"}, {"datetime_key": "at"}]}""");

        List<Expression> terms = ((Expression.Sum) e).terms();
        assertThat(terms.get(0)).isEqualTo(new Expression.Mult(List.of(new Expression.Constant(2),
                new Expression.Score(0))));
        assertThat(terms.get(1)).isEqualTo(new Expression.Neg(new Expression.Constant(1)));
        assertThat(terms.get(7)).isEqualTo(new Expression.Pow(new Expression.Constant(2), new Expression.Constant(3)));
        assertThat(terms.get(8)).isEqualTo(new Expression.Div(new Expression.Constant(1),
                new Expression.Variable(JsonPath.parse("x")), 0.5));
        assertThat(terms.get(9)).isEqualTo(new Expression.GeoDistance(new GeoPoint(10, 20), JsonPath.parse("loc")));
        assertThat(terms.get(10)).isEqualTo(new Expression.Datetime(Instant.parse("2024-01-01T00:00:00Z")));
        assertThat(terms.get(11)).isEqualTo(new Expression.DatetimeKey(JsonPath.parse("at")));
    }

    @Test
    void decaysTakeQdrantsDefaults() {
        Expression.Decay gauss = (Expression.Decay) expression("{\"gauss_decay\": {\"x\": \"d\"}}");
        Expression.Decay lin = (Expression.Decay) expression(
                "{\"lin_decay\": {\"x\": \"d\", \"target\": 5, \"scale\": 4, \"midpoint\": 0.2}}");

        assertThat(gauss.kind()).isEqualTo(Expression.DecayKind.GAUSS);
        assertThat(gauss.target()).isNull();
        assertThat(gauss.lambda()).isEqualTo(Math.log(0.5));
        assertThat(lin.target()).isEqualTo(new Expression.Constant(5));
        assertThat(lin.lambda()).isEqualTo((1 - (double) 0.2f) / 4);
        assertThatThrownBy(() -> expression("{\"exp_decay\": {\"x\": 1, \"scale\": -1}}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Decay scale should be non-zero positive");
    }

    @Test
    void defaultsAreKeyedByVariable() {
        Formula f = formula("{\"formula\": \"price\", \"defaults\": {\"price\": 3, \"$score[1]\": 0.5}}");

        assertThat(f.payloadDefaults()).containsEntry(JsonPath.parse("price"), PayloadValue.of(3));
        assertThat(f.scoreDefaults()).containsEntry(1, PayloadValue.of(0.5));
        // the defaults may come first
        assertThat(formula("{\"defaults\": {}, \"formula\": 1}").expression()).isEqualTo(new Expression.Constant(1));
    }

    @Test
    void malformedExpressionsAreFormatErrors() {
        assertThatThrownBy(() -> expression("true")).isInstanceOf(MalformedInputException.class)
                .hasMessage("query.formula: data did not match any variant of untagged enum Expression");
        assertThatThrownBy(() -> expression("{\"nope\": 1}")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> expression("{\"mult\": 1}")).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("query.formula.mult");
        assertThatThrownBy(() -> expression("{\"div\": {\"left\": 1}}")).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("missing field `right`");
        assertThatThrownBy(() -> formula("{\"defaults\": {}}")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> expression("{\"geo_distance\": {\"origin\": {\"lon\": 500, \"lat\": 0}, \"to\": \"a\"}}"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> query("{\"query\": {\"formula\": 1, \"order_by\": \"x\"}}"))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void orderByQueries() {
        assertThat(query("{\"query\": {\"order_by\": \"price\"}}"))
                .isEqualTo(new Query.OrderByQuery(new OrderBy("price", false, null)));
        assertThat(query("{\"query\": {\"order_by\": {\"key\": \"price\", \"direction\": \"desc\", \"start_from\": 3}}}"))
                .isEqualTo(new Query.OrderByQuery(new OrderBy("price", true, 3.0)));
        QueryRequest r = QueryMapper.request(PayloadMother.json(
                "{\"prefetch\": {\"query\": [1, 0]}, \"query\": {\"order_by\": \"p\"}}"), "");
        assertThat(r.prefetch()).hasSize(1);
    }

    @Test
    void aScoredPointCarriesItsOrderValue() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonTrees.FACTORY.createGenerator(out)) {
            PointsMapper.writeScoredPoint(g, new ScoredPoint(new PointRecord(PointId.of(3), null, null,
                    PayloadValue.of(42)), 1f, 0));
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":3,\"version\":0,\"score\":1.0,\"order_value\":42}");
    }
}
