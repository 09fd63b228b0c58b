package io.quiver.application.port.in;

/** Deletes a collection with its data and aliases. Answers false when there was nothing to delete. */
public interface DeleteCollectionUseCase {
    boolean delete(String collectionOrAlias);
}
