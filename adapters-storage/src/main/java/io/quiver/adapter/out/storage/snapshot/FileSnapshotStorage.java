package io.quiver.adapter.out.storage.snapshot;

import io.quiver.application.port.out.SnapshotFile;
import io.quiver.application.port.out.SnapshotStoragePort;
import io.quiver.application.port.out.StagedSnapshot;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.InternalException;
import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshots folder ({@code storage.snapshots_path}), laid out as Qdrant lays it out:
 * <pre>
 * &lt;snapshots&gt;/full-snapshot-2026-01-02-03-04-05.snapshot        full-storage snapshots
 * &lt;snapshots&gt;/full-snapshot-2026-01-02-03-04-05.snapshot.checksum  their SHA-256, in hex
 * &lt;snapshots&gt;/&lt;collection&gt;/&lt;collection&gt;-&lt;peer id&gt;-&lt;time&gt;.snapshot   collection snapshots (+ .checksum)
 * &lt;snapshots&gt;/.tmp/                                             files being written, uploaded or downloaded
 * </pre>
 * A collection whose name cannot safely be a folder name (a leading dot, control characters, more than
 * 200 bytes) gets {@code collection-<hash of its name>} instead.
 *
 * <p>Everything a client names is confined to this folder. A snapshot name must be a plain file name
 * ending in {@code .snapshot} and an existing regular file (never followed through a link) of the right
 * folder; anything else is simply not found. A {@code file://} location must resolve, links and {@code ..}
 * included, to a file inside the folder. {@code http(s)} locations are downloaded into {@code .tmp} with
 * a size cap.
 */
public final class FileSnapshotStorage implements SnapshotStoragePort {

    static final String EXTENSION = ".snapshot";
    static final String CHECKSUM_EXTENSION = ".checksum";
    static final String TEMP_FOLDER = ".tmp";
    static final String FULL_PREFIX = "full-snapshot";
    private static final int MAX_FOLDER_NAME_BYTES = 200;
    private static final int MAX_FILE_NAME_BYTES = 255;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final long peerId;
    private final long maxDownloadBytes;
    private final Clock clock;
    private final Set<Path> reserved = new HashSet<>();
    private volatile HttpClient http;

    /**
     * @param root             the snapshots folder (created when first needed)
     * @param peerId           this node's id, part of every collection snapshot's name
     * @param maxDownloadBytes the largest snapshot an {@code http(s)} location may deliver
     */
    public FileSnapshotStorage(Path root, long peerId, long maxDownloadBytes) {
        this(root, peerId, maxDownloadBytes, Clock.systemUTC());
    }

    FileSnapshotStorage(Path root, long peerId, long maxDownloadBytes, Clock clock) {
        if (maxDownloadBytes < 1) {
            throw new IllegalArgumentException("maxDownloadBytes must be positive");
        }
        this.root = root.toAbsolutePath().normalize();
        this.peerId = peerId;
        this.maxDownloadBytes = maxDownloadBytes;
        this.clock = clock;
        clearTemporaryFiles();
    }

    public Path root() {
        return root;
    }

    // ------------------------------------------------------------------------------ writing

    @Override
    public SnapshotFile create(String collection) {
        Path folder = folderOf(collection);
        Path temp;
        try {
            Files.createDirectories(folder);
            Files.createDirectories(tempFolder());
            temp = Files.createTempFile(tempFolder(), "create-", ".part");
        } catch (IOException e) {
            throw new InternalException("cannot create a snapshot file in " + root + ": " + e.getMessage(), e);
        }
        Path target = reserveName(folder, collection == null ? FULL_PREFIX : folderName(collection) + "-" + peerId);
        try {
            return new NewFile(temp, target);
        } catch (RuntimeException e) {
            release(target);
            deleteQuietly(temp);
            throw e;
        }
    }

    /** {@code <prefix>-<time>.snapshot}, or with {@code -1}, {@code -2}… when that name is taken or being written. */
    private synchronized Path reserveName(Path folder, String prefix) {
        String base = prefix + "-" + LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(STAMP);
        Path candidate = folder.resolve(base + EXTENSION);
        for (int n = 1; reserved.contains(candidate) || Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = folder.resolve(base + "-" + n + EXTENSION);
        }
        reserved.add(candidate);
        return candidate;
    }

    private synchronized void release(Path target) {
        reserved.remove(target);
    }

    private final class NewFile implements SnapshotFile {
        private final Path temp;
        private final Path target;
        private final MessageDigest digest = sha256Digest();
        private final OutputStream out;
        private boolean done;

        NewFile(Path temp, Path target) {
            this.temp = temp;
            this.target = target;
            try {
                this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), digest);
            } catch (IOException e) {
                throw new InternalException("cannot write the snapshot file: " + e.getMessage(), e);
            }
        }

        @Override
        public OutputStream out() {
            return out;
        }

        @Override
        public SnapshotDescription commit() {
            try {
                out.close();
                String checksum = HexFormat.of().formatHex(digest.digest());
                // the checksum is in place before the snapshot appears, as Qdrant does it
                Path checksumTemp = Files.createTempFile(tempFolder(), "checksum-", ".part");
                Files.writeString(checksumTemp, checksum, StandardCharsets.US_ASCII);
                Files.move(checksumTemp, checksumFile(target), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                done = true;
                return describe(target);
            } catch (IOException e) {
                abort();
                throw new InternalException("cannot store the snapshot file: " + e.getMessage(), e);
            } finally {
                release(target);
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
            } catch (IOException e) {
                // being thrown away anyway
            }
            deleteQuietly(temp);
            deleteQuietly(checksumFile(target));
            release(target);
        }
    }

    // ------------------------------------------------------------------------------ reading

    @Override
    public List<SnapshotDescription> list(String collection) {
        Path folder = folderOf(collection);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<SnapshotDescription> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (isSnapshotName(name) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        result.add(describe(file));
                    } catch (NoSuchFileException e) {
                        // deleted while we were listing
                    }
                }
            }
        } catch (IOException e) {
            throw new InternalException("cannot list the snapshots in " + folder + ": " + e.getMessage(), e);
        }
        result.sort(Comparator.comparing(SnapshotDescription::name));
        return result;
    }

    @Override
    public Optional<SnapshotDescription> find(String collection, String name) {
        return existing(collection, name).flatMap(file -> {
            try {
                return Optional.of(describe(file));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<InputStream> open(String collection, String name) {
        return existing(collection, name).flatMap(file -> {
            try {
                return Optional.of(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean delete(String collection, String name) {
        Optional<Path> file = existing(collection, name);
        if (file.isEmpty()) {
            return false;
        }
        try {
            boolean deleted = Files.deleteIfExists(file.get());
            Files.deleteIfExists(checksumFile(file.get()));
            return deleted;
        } catch (IOException e) {
            throw new InternalException("cannot delete snapshot " + name + ": " + e.getMessage(), e);
        }
    }

    /** The snapshot file a client names, if the name is a plain snapshot name and such a regular file exists. */
    Optional<Path> existing(String collection, String name) {
        if (name == null || !isSnapshotName(name)) {
            return Optional.empty();
        }
        Path folder = folderOf(collection);
        Path file = folder.resolve(name).normalize();
        if (!folder.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private SnapshotDescription describe(Path file) throws IOException {
        long size = Files.size(file);
        LocalDateTime created = LocalDateTime.ofInstant(
                Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
        return new SnapshotDescription(file.getFileName().toString(), created, size, storedChecksum(file));
    }

    private static String storedChecksum(Path snapshot) {
        Path file = checksumFile(snapshot);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 256) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
            return SHA256.matcher(text).matches() ? text : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------ recovery sources

    @Override
    public StagedSnapshot receive(InputStream content) {
        Path temp = newTempFile("upload-");
        try {
            String sha256 = copy(content, temp, Long.MAX_VALUE, "the uploaded snapshot");
            return new TemporaryFile(temp, sha256);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    @Override
    public StagedSnapshot locate(String location, String apiKey) {
        URI uri;
        try {
            uri = new URI(location.trim());
        } catch (URISyntaxException e) {
            throw new BadRequestException("Invalid snapshot URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> new LocalFile(localFile(uri));
            case "http", "https" -> {
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw new BadRequestException("Invalid snapshot URI, the URL has no host: " + location);
                }
                yield new Download(uri, apiKey);
            }
            default -> throw new BadRequestException("URL " + location + " with scheme "
                    + (scheme.isEmpty() ? "(none)" : scheme) + " is not supported");
        };
    }

    /** A {@code file://} location, allowed only when it resolves (links and all) to a file inside the folder. */
    private Path localFile(URI uri) {
        String host = uri.getHost();
        String path = uri.getPath();
        if ((host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost"))
                || uri.getRawAuthority() != null && !uri.getRawAuthority().equalsIgnoreCase("localhost")
                || path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw new BadRequestException("Invalid snapshot URI, file path must be absolute or on localhost");
        }
        Path file;
        try {
            file = Path.of(path).normalize();
        } catch (RuntimeException e) {
            throw new BadRequestException("Invalid snapshot URI, file path must be absolute or on localhost");
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw outsideFolder();
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new BadRequestException("Snapshot file \"" + file + "\" does not exist");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new BadRequestException("Snapshot file \"" + file + "\" does not exist");
        }
        if (!real.startsWith(realRoot) || real.equals(realRoot)) {
            throw outsideFolder();
        }
        for (Path part : realRoot.relativize(real)) {
            if (part.toString().startsWith(".")) {
                throw outsideFolder(); // .tmp holds other requests' files in the making
            }
        }
        if (!Files.isRegularFile(real)) {
            throw new BadRequestException("Snapshot file \"" + file + "\" does not exist");
        }
        return real;
    }

    private BadRequestException outsideFolder() {
        return new BadRequestException("Snapshot file must be inside the snapshots folder (storage.snapshots_path)");
    }

    /** A snapshot file already in the folder: read where it is, never deleted. */
    private record LocalFile(Path file) implements StagedSnapshot {
        @Override
        public String sha256() {
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest digest = sha256Digest();
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                throw new BadRequestException("cannot read snapshot file: " + e.getMessage());
            }
        }

        @Override
        public InputStream open() {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new BadRequestException("cannot read snapshot file: " + e.getMessage());
            }
        }

        @Override
        public void close() {
        }
    }

    /** A received file in {@code .tmp}, deleted on close. */
    private record TemporaryFile(Path file, String sha256) implements StagedSnapshot {
        @Override
        public InputStream open() {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new InternalException("cannot read the received snapshot: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            deleteQuietly(file);
        }
    }

    /** An {@code http(s)} location, downloaded into {@code .tmp} when first needed. */
    private final class Download implements StagedSnapshot {
        private final URI uri;
        private final String apiKey;
        private TemporaryFile file;

        Download(URI uri, String apiKey) {
            this.uri = uri;
            this.apiKey = apiKey;
        }

        private synchronized TemporaryFile file() {
            if (file == null) {
                file = download(uri, apiKey);
            }
            return file;
        }

        @Override
        public String sha256() {
            return file().sha256();
        }

        @Override
        public InputStream open() {
            return file().open();
        }

        @Override
        public synchronized void close() {
            if (file != null) {
                file.close();
            }
        }
    }

    private TemporaryFile download(URI uri, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET();
        if (apiKey != null && !apiKey.isEmpty()) {
            request.header("api-key", apiKey);
        }
        String where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        HttpResponse<InputStream> response;
        try {
            response = httpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new BadRequestException("Failed to download snapshot from " + where + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadRequestException("Failed to download snapshot from " + where + ": interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new BadRequestException("Failed to download snapshot from " + where + ": HTTP status "
                        + response.statusCode());
            }
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > maxDownloadBytes) {
                throw tooLarge(where);
            }
            Path temp = newTempFile("download-");
            try {
                return new TemporaryFile(temp, copy(body, temp, maxDownloadBytes, "the snapshot at " + where));
            } catch (RuntimeException e) {
                deleteQuietly(temp);
                throw e;
            }
        } catch (IOException e) {
            throw new BadRequestException("Failed to download snapshot from " + where + ": " + e.getMessage());
        }
    }

    private BadRequestException tooLarge(String where) {
        return new BadRequestException("The snapshot at " + where + " is larger than the download limit of "
                + maxDownloadBytes + " bytes");
    }

    private HttpClient httpClient() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                }
                client = http;
            }
        }
        return client;
    }

    /**
     * Copies {@code in} into {@code file}, at most {@code limit} bytes, returning the SHA-256 of what was
     * copied. A failure to read is the sender's (bad request); a failure to write is ours.
     */
    private String copy(InputStream in, Path file, long limit, String what) {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new BadRequestException("cannot read " + what + ": " + e.getMessage());
                }
                if (n < 0) {
                    break;
                }
                total += n;
                if (total > limit) {
                    throw new BadRequestException(what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1)
                            + " is larger than the download limit of " + limit + " bytes");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InternalException("cannot store " + what + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    // ------------------------------------------------------------------------------ names and folders

    /** The folder of a collection's snapshots; the top of the snapshots folder for {@code null} (full snapshots). */
    Path folderOf(String collection) {
        return collection == null ? root : root.resolve(folderName(collection));
    }

    /** The collection's name when it is a safe folder name, else {@code collection-<hash>}. */
    static String folderName(String collection) {
        boolean safe = !collection.isEmpty() && collection.charAt(0) != '.'
                && collection.getBytes(StandardCharsets.UTF_8).length <= MAX_FOLDER_NAME_BYTES;
        for (int i = 0; safe && i < collection.length(); i++) {
            char c = collection.charAt(i);
            safe = c >= 0x20 && c != 0x7F && c != '/' && c != '\\' && c != ':';
        }
        if (safe) {
            return collection;
        }
        byte[] hash = sha256Digest().digest(collection.getBytes(StandardCharsets.UTF_8));
        return "collection-" + HexFormat.of().formatHex(hash, 0, 16);
    }

    /**
     * A name a client may use for a snapshot: a plain file name ending in {@code .snapshot}, not hidden,
     * without separators or control characters. Anything else names no snapshot.
     */
    static boolean isSnapshotName(String name) {
        if (name.length() <= EXTENSION.length() || !name.endsWith(EXTENSION) || name.charAt(0) == '.'
                || name.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '/' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static Path checksumFile(Path snapshot) {
        return snapshot.resolveSibling(snapshot.getFileName() + CHECKSUM_EXTENSION);
    }

    private Path tempFolder() {
        return root.resolve(TEMP_FOLDER);
    }

    private Path newTempFile(String prefix) {
        try {
            Files.createDirectories(tempFolder());
            return tempFolder().resolve(prefix + UUID.randomUUID() + ".part");
        } catch (IOException e) {
            throw new InternalException("cannot create a temporary file in " + tempFolder() + ": " + e.getMessage(), e);
        }
    }

    /** Files left in {@code .tmp} by a server that stopped while writing or receiving a snapshot. */
    private void clearTemporaryFiles() {
        Path temp = tempFolder();
        if (!Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.list(temp)) {
            files.forEach(FileSnapshotStorage::deleteQuietly);
        } catch (IOException e) {
            // leftovers only cost space
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file; the next start removes it
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
