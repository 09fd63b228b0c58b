package io.quiver.application.service;

import io.quiver.domain.collection.CollectionConfig;

/** A collection as the running server holds it: its name and current configuration. */
final class LiveCollection {

    private final String name;
    private volatile CollectionConfig config;

    LiveCollection(String name, CollectionConfig config) {
        this.name = name;
        this.config = config;
    }

    String name() {
        return name;
    }

    CollectionConfig config() {
        return config;
    }

    void reconfigure(CollectionConfig newConfig) {
        this.config = newConfig;
    }
}
