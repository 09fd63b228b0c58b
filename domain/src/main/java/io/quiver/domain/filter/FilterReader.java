package io.quiver.domain.filter;

import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.payload.PayloadValue;

/** Reads Qdrant's filter documents into {@link Filter}s. */
public final class FilterReader {

    private FilterReader() {
    }

    public static Filter read(PayloadValue value, String path) {
        throw new BadRequestException("filters are not supported yet");
    }
}
