package io.quiver.adapter.out.storage.mvstore;

import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.PointStorePort;
import io.quiver.domain.error.InternalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * One folder per collection under {@code <storage>/collections/}. Folders are named by a hash of the
 * collection name, so that no name (however odd: "..", unicode, 255 characters) can reach outside.
 */
public final class MvStorePointStorePort implements PointStorePort {

    private final Path collectionsDir;

    public MvStorePointStorePort(Path storageDir) {
        this.collectionsDir = storageDir.resolve("collections");
    }

    @Override
    public PointStore open(String collection) {
        Path dir = folderOf(collection);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("collection-name.txt"), collection, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InternalException("cannot create the folder of collection " + collection + ": " + e.getMessage(), e);
        }
        return new MvStorePointStore(dir.resolve("points.mv.db"));
    }

    @Override
    public void drop(String collection) {
        Path dir = folderOf(collection);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new InternalException("cannot delete the data of collection " + collection + ": " + e.getMessage(), e);
        }
    }

    Path folderOf(String collection) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(collection.getBytes(StandardCharsets.UTF_8));
            return collectionsDir.resolve(HexFormat.of().formatHex(hash, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
