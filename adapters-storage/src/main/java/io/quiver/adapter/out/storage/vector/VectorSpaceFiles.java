package io.quiver.adapter.out.storage.vector;

import io.quiver.domain.point.PointId;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Where vector indexes keep their files, and how they write point ids — shared by every index adapter so
 * that a collection's files all live (and are deleted) together whichever index it uses.
 */
public final class VectorSpaceFiles {

    private static final int NUMERIC = 0;
    private static final int UUID_TAG = 1;

    private VectorSpaceFiles() {
    }

    /**
     * The collection's folder: {@code <storage>/collections/} plus the first 16 bytes of the SHA-256 of
     * its name in hex — the rule of {@code MvStorePointStorePort}.
     */
    public static Path collectionDir(Path storageRoot, String collection) {
        byte[] hash = sha256(collection.getBytes(StandardCharsets.UTF_8));
        return storageRoot.resolve("collections").resolve(HexFormat.of().formatHex(hash, 0, 16));
    }

    /** The folder of a collection's vector index files. */
    public static Path vectorsDir(Path storageRoot, String collection) {
        return collectionDir(storageRoot, collection).resolve("vectors");
    }

    /**
     * The file name stem of a vector space: the hex of its UTF-8 name; {@code _} for the unnamed default
     * vector (an empty stem would make a hidden file), and {@code h} + SHA-256 hex for names over 64
     * bytes (keeps file names short). Neither marker is a hex digit, so stems never collide.
     */
    public static String fileBase(String vectorName) {
        byte[] bytes = vectorName.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return "_";
        }
        if (bytes.length > 64) {
            return "h" + HexFormat.of().formatHex(sha256(bytes));
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** A point id as a tag byte and its bits. */
    public static void writeId(PointId id, DataOutput out) throws IOException {
        switch (id) {
            case PointId.NumericId n -> {
                out.writeByte(NUMERIC);
                out.writeLong(n.value());
            }
            case PointId.UuidId u -> {
                out.writeByte(UUID_TAG);
                out.writeLong(u.value().getMostSignificantBits());
                out.writeLong(u.value().getLeastSignificantBits());
            }
        }
    }

    public static PointId readId(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NUMERIC -> PointId.of(in.readLong());
            case UUID_TAG -> PointId.of(new UUID(in.readLong(), in.readLong()));
            default -> throw new StreamCorruptedException("unknown point id tag " + tag);
        };
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
