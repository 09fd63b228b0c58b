package io.quiver.adapter.out.storage.mvstore;

import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.PointStorePort;
import io.quiver.domain.error.InternalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        deleteLeftoverStaging();
    }

    /**
     * Folders of collections that were being built apart (a snapshot being recovered) or set aside when a
     * server stopped: their names start with NUL, which no collection name may contain, so they belong to
     * no collection and are deleted at start.
     */
    private void deleteLeftoverStaging() {
        if (!Files.isDirectory(collectionsDir)) {
            return;
        }
        try (Stream<Path> folders = Files.list(collectionsDir)) {
            for (Path folder : folders.toList()) {
                Path nameFile = folder.resolve("collection-name.txt");
                if (Files.isRegularFile(nameFile)
                        && Files.readString(nameFile, StandardCharsets.UTF_8).startsWith("\u0000")) {
                    try (Stream<Path> walk = Files.walk(folder)) {
                        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // leftovers only cost space; the next start tries again
        }
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

    /**
     * Renames the folder of {@code from} to that of {@code to} (which must not exist) in one atomic move on
     * the same file system. A store still open on {@code from} keeps working on its open file, wherever
     * the folder has gone.
     */
    @Override
    public void move(String from, String to) {
        Path source = folderOf(from);
        Path target = folderOf(to);
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(target.resolve("collection-name.txt"), to, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InternalException("cannot move the data of collection " + from + " to " + to + ": "
                    + e.getMessage(), e);
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
