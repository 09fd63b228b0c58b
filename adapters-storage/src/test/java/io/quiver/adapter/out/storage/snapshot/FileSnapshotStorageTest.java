package io.quiver.adapter.out.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.quiver.application.port.out.SnapshotFile;
import io.quiver.application.port.out.StagedSnapshot;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStorageTest {

    @TempDir
    Path temp;

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-06T07:08:09Z"), ZoneOffset.UTC);

    FileSnapshotStorage storage() {
        return new FileSnapshotStorage(temp.resolve("snapshots"), 42, 1000, CLOCK);
    }

    static SnapshotDescription store(FileSnapshotStorage storage, String collection, String content) throws IOException {
        SnapshotFile file = storage.create(collection);
        file.out().write(content.getBytes(StandardCharsets.UTF_8));
        return file.commit();
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void snapshotsAreNamedAndLaidOutAsQdrantDoes() throws Exception {
        FileSnapshotStorage storage = storage();
        SnapshotDescription d = store(storage, "docs", "hello");
        assertThat(d).isEqualTo(new SnapshotDescription("docs-42-2026-05-06-07-08-09.snapshot", d.creationTime(), 5,
                sha256("hello")));
        assertThat(d.creationTime()).isBeforeOrEqualTo(LocalDateTime.now(ZoneOffset.UTC));
        Path file = temp.resolve("snapshots/docs/docs-42-2026-05-06-07-08-09.snapshot");
        assertThat(file).hasContent("hello");
        assertThat(file.resolveSibling(file.getFileName() + ".checksum")).hasContent(sha256("hello"));

        // the same second again: a suffix instead of overwriting
        assertThat(store(storage, "docs", "again").name()).isEqualTo("docs-42-2026-05-06-07-08-09-1.snapshot");
        assertThat(store(storage, null, "full").name()).isEqualTo("full-snapshot-2026-05-06-07-08-09.snapshot");
        assertThat(temp.resolve("snapshots/full-snapshot-2026-05-06-07-08-09.snapshot")).hasContent("full");

        assertThat(storage.list("docs")).extracting(SnapshotDescription::name)
                .containsExactly("docs-42-2026-05-06-07-08-09-1.snapshot", "docs-42-2026-05-06-07-08-09.snapshot");
        assertThat(storage.list(null)).extracting(SnapshotDescription::name)
                .containsExactly("full-snapshot-2026-05-06-07-08-09.snapshot");
        assertThat(storage.list("other")).isEmpty();

        try (InputStream in = storage.open("docs", d.name()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(storage.delete("docs", d.name())).isTrue();
        assertThat(file).doesNotExist();
        assertThat(file.resolveSibling(file.getFileName() + ".checksum")).doesNotExist();
        assertThat(storage.delete("docs", d.name())).isFalse();
    }

    @Test
    void anAbortedSnapshotLeavesNothing() throws IOException {
        FileSnapshotStorage storage = storage();
        SnapshotFile file = storage.create("docs");
        file.out().write(1);
        file.abort();
        assertThat(storage.list("docs")).isEmpty();
        try (var files = Files.list(temp.resolve("snapshots/.tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void oddCollectionNamesGetAHashedFolder() {
        assertThat(FileSnapshotStorage.folderName("docs")).isEqualTo("docs");
        assertThat(FileSnapshotStorage.folderName("ünïcode 文")).isEqualTo("ünïcode 文");
        for (String odd : List.of("..", ".", ".hidden", "a\u0001b", "x".repeat(255), "a\u007Fb")) {
            assertThat(FileSnapshotStorage.folderName(odd)).matches("collection-[0-9a-f]{32}");
        }
    }

    @Test
    void namesThatAreNotPlainSnapshotFileNamesNameNothing() throws IOException {
        FileSnapshotStorage storage = storage();
        store(storage, "docs", "x");
        Files.writeString(temp.resolve("secret.snapshot"), "secret");
        Files.writeString(temp.resolve("snapshots/top.snapshot"), "top");
        Files.createSymbolicLink(temp.resolve("snapshots/docs/link.snapshot"), temp.resolve("secret.snapshot"));
        for (String name : List.of("../secret.snapshot", "../../secret.snapshot", "..", ".", "", "/etc/passwd",
                temp.resolve("secret.snapshot").toString(), "..\\secret.snapshot", "docs", "link.snapshot",
                "top.snapshot", "a/../top.snapshot", "x\u0000.snapshot", ".tmp", "docs-42.snapshot.checksum")) {
            assertThat(storage.find("docs", name)).as(name).isEmpty();
            assertThat(storage.open("docs", name)).as(name).isEmpty();
            assertThat(storage.delete("docs", name)).as(name).isFalse();
        }
        assertThat(storage.find(null, "../secret.snapshot")).isEmpty();
        assertThat(storage.find(null, "docs")).isEmpty();
        assertThat(storage.find(null, "top.snapshot")).isPresent();
        assertThat(temp.resolve("secret.snapshot")).exists();
    }

    @Test
    void fileLocationsMustStayInsideTheFolder() throws IOException {
        FileSnapshotStorage storage = storage();
        SnapshotDescription d = store(storage, "docs", "content");
        Path root = temp.resolve("snapshots").toAbsolutePath();
        try (StagedSnapshot staged = storage.locate(root.resolve("docs/" + d.name()).toUri().toString(), null)) {
            assertThat(staged.sha256()).isEqualTo(d.checksum());
            try (InputStream in = staged.open()) {
                assertThat(in.readAllBytes()).isEqualTo("content".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(root.resolve("docs/" + d.name())).exists(); // a local file is never deleted

        Files.writeString(temp.resolve("outside"), "x");
        Files.createSymbolicLink(root.resolve("link"), temp.resolve("outside"));
        for (String location : List.of("file:///etc/passwd", temp.resolve("outside").toUri().toString(),
                "file://" + root + "/../outside", "file://" + root + "/%2e%2e/outside", "file://" + root,
                "file://" + root + "/link", "file://elsewhere" + root + "/docs/" + d.name(), "file:docs",
                "file://" + root + "/missing.snapshot", "file://" + root + "/.tmp/x", "ftp://host/x", "x",
                "http:///nohost", "jar:file:" + root + "/docs!/x", "%%%")) {
            assertThatThrownBy(() -> storage.locate(location, null)).as(location).isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void uploadsAreReceivedWithTheirChecksumAndDeletedAfterwards() throws Exception {
        FileSnapshotStorage storage = storage();
        StagedSnapshot staged = storage.receive(new ByteArrayInputStream("uploaded".getBytes(StandardCharsets.UTF_8)));
        assertThat(staged.sha256()).isEqualTo(sha256("uploaded"));
        try (InputStream in = staged.open()) {
            assertThat(in.readAllBytes()).isEqualTo("uploaded".getBytes(StandardCharsets.UTF_8));
        }
        staged.close();
        try (var files = Files.list(temp.resolve("snapshots/.tmp"))) {
            assertThat(files).isEmpty();
        }
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> storage.receive(broken)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void downloadsSendTheApiKeyAndStopAtTheLimit() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> key = new AtomicReference<>();
        http.createContext("/small", exchange -> {
            key.set(exchange.getRequestHeaders().getFirst("api-key"));
            byte[] body = "remote".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[5000]);
            } catch (IOException e) {
                // the client hung up at the limit
            }
        });
        http.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            FileSnapshotStorage storage = storage();
            try (StagedSnapshot staged = storage.locate(base + "/small", "secret")) {
                assertThat(staged.sha256()).isEqualTo(sha256("remote"));
                assertThat(key.get()).isEqualTo("secret");
            }
            try (StagedSnapshot staged = storage.locate(base + "/big", null)) {
                assertThatThrownBy(staged::sha256).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("limit of 1000 bytes");
            }
            try (StagedSnapshot staged = storage.locate(base + "/missing", null)) {
                assertThatThrownBy(staged::open).isInstanceOf(BadRequestException.class).hasMessageContaining("404");
            }
            try (var files = Files.list(temp.resolve("snapshots/.tmp"))) {
                assertThat(files).isEmpty();
            }
        } finally {
            http.stop(0);
        }
    }

    @Test
    void leftoversOfAStoppedServerAreClearedAtStart() throws IOException {
        Files.createDirectories(temp.resolve("snapshots/.tmp"));
        Files.writeString(temp.resolve("snapshots/.tmp/upload-1.part"), "half");
        storage();
        try (var files = Files.list(temp.resolve("snapshots/.tmp"))) {
            assertThat(files).isEmpty();
        }
    }
}
