package io.quiver.domain.payload;

import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/** Copy-on-write edits of immutable payload trees; each returns a new value and leaves its input alone. */
final class PayloadTrees {

    private PayloadTrees() {
    }

    /** The object with {@code key} set; an existing key keeps its position, a new one goes last. */
    static ObjectValue withField(ObjectValue object, String key, PayloadValue value) {
        LinkedHashMap<String, PayloadValue> fields = new LinkedHashMap<>(object.fields());
        fields.put(key, value);
        return new ObjectValue(fields);
    }

    static ObjectValue withoutField(ObjectValue object, String key) {
        if (!object.fields().containsKey(key)) {
            return object;
        }
        LinkedHashMap<String, PayloadValue> fields = new LinkedHashMap<>(object.fields());
        fields.remove(key);
        return new ObjectValue(fields);
    }

    static ArrayValue withElement(ArrayValue array, int position, PayloadValue value) {
        List<PayloadValue> values = new ArrayList<>(array.values());
        values.set(position, value);
        return new ArrayValue(values);
    }

    static ArrayValue mapElements(ArrayValue array, UnaryOperator<PayloadValue> change) {
        List<PayloadValue> values = new ArrayList<>(array.values().size());
        for (PayloadValue element : array.values()) {
            values.add(change.apply(element));
        }
        return new ArrayValue(values);
    }
}
