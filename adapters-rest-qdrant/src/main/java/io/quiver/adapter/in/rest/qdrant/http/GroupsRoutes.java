package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.GroupsMapper;
import io.quiver.application.port.in.GroupPointsUseCase;
import io.quiver.application.port.in.GroupPointsUseCase.GroupRequest;
import io.quiver.application.port.in.GroupPointsUseCase.PointGroup;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.List;
import java.util.function.Function;

/**
 * Grouped results: the universal {@code /points/query/groups} and the legacy {@code /points/search/groups}
 * and {@code /points/recommend/groups}, all answering {@code GroupsResult}.
 */
public final class GroupsRoutes implements HttpService {

    private static final String BASE = "/collections/{collection_name}/points";

    private final GroupPointsUseCase groups;

    public GroupsRoutes(GroupPointsUseCase groups) {
        this.groups = groups;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(BASE + "/query/groups", (req, res) -> answer(req, res, GroupsMapper::query))
                .post(BASE + "/search/groups", (req, res) -> answer(req, res, GroupsMapper::search))
                .post(BASE + "/recommend/groups", (req, res) -> answer(req, res, GroupsMapper::recommend));
    }

    private void answer(ServerRequest req, ServerResponse res, Function<ObjectValue, GroupRequest> reader) {
        GroupRequest request = reader.apply(Requests.jsonObject(req));
        List<PointGroup> result = groups.groups(Requests.path(req, "collection_name"), request);
        Envelope.ok(req, res, g -> GroupsMapper.writeGroups(g, result));
    }
}
