package io.quiver.application.port.in;

/**
 * Deletes a collection with its data and aliases. Answers false when no collection has exactly this name
 * (an alias's name deletes nothing, as in Qdrant).
 */
public interface DeleteCollectionUseCase {
    boolean delete(String collectionName);
}
