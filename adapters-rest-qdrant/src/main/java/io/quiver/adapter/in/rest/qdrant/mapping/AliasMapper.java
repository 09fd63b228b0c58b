package io.quiver.adapter.in.rest.qdrant.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.domain.collection.Alias;
import io.quiver.domain.collection.AliasOperation;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code ChangeAliasesOperation} bodies and writes alias lists. */
public final class AliasMapper {

    private AliasMapper() {
    }

    public static List<AliasOperation> readActions(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        List<PayloadValue> actions = r.optArray("actions");
        if (actions == null) {
            throw r.missing("actions");
        }
        List<AliasOperation> operations = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            String path = "actions[" + i + "]";
            TreeReader action = TreeReader.of(actions.get(i), path);
            if (action.fields().size() != 1) {
                throw new MalformedInputException(path
                        + ": expected exactly one of `create_alias`, `delete_alias`, `rename_alias`");
            }
            String kind = action.fields().keySet().iterator().next();
            TreeReader a = action.child(kind);
            if (a == null) {
                throw TreeReader.mismatch(action.pathOf(kind), PayloadValue.NULL, "a map");
            }
            try {
                operations.add(switch (kind) {
                    case "create_alias" -> new AliasOperation.Create(a.reqString("collection_name"), a.reqString("alias_name"));
                    case "delete_alias" -> new AliasOperation.Delete(a.reqString("alias_name"));
                    case "rename_alias" -> new AliasOperation.Rename(a.reqString("old_alias_name"), a.reqString("new_alias_name"));
                    default -> throw TreeReader.unknownVariant(path, kind,
                            List.of("create_alias", "delete_alias", "rename_alias"));
                });
            } catch (ValidationException e) {
                throw e.under(path);
            }
        }
        return operations;
    }

    public static void writeAliases(JsonGenerator g, List<Alias> aliases) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("aliases");
        for (Alias a : aliases) {
            g.writeStartObject();
            g.writeStringField("alias_name", a.aliasName());
            g.writeStringField("collection_name", a.collectionName());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
