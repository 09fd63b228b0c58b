package io.quiver.bootstrap;

import io.helidon.webserver.WebServer;
import io.quiver.adapter.in.rest.qdrant.QdrantRestApi;
import io.quiver.adapter.in.rest.qdrant.QdrantTransport;
import io.quiver.adapter.in.rest.qdrant.RestSettings;
import io.quiver.adapter.in.rest.qdrant.http.ServerIdentity;
import io.quiver.adapter.out.storage.mvstore.MvStoreCollectionCatalog;
import io.quiver.adapter.out.storage.hnsw.HnswVectorIndexPort;
import io.quiver.adapter.out.storage.lucene.LuceneVectorIndexPort;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.adapter.out.storage.mvstore.MvStorePointStorePort;
import io.quiver.adapter.out.storage.payloadindex.InMemoryPayloadIndexPort;
import io.quiver.adapter.out.storage.sparse.InMemorySparseIndexPort;
import io.quiver.adapter.out.storage.snapshot.FileSnapshotStorage;
import io.quiver.adapter.out.storage.snapshot.ZipSnapshotArchive;
import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.application.Application;
import io.quiver.application.service.UseCaseFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The composition root: builds the adapters and the core, starts the web server, stops it all in order. */
public final class QuiverServer implements AutoCloseable {

    /** The Qdrant API level Quiver implements; clients compare it with their own version. */
    public static final String API_VERSION = "1.19.0";

    /** The largest snapshot a recovery from an {@code http(s)} URL downloads. */
    static final long SNAPSHOT_DOWNLOAD_LIMIT_BYTES = 64L << 30;

    private final QuiverConfig config;
    private final MvStoreCollectionCatalog catalog;
    private final Application app;
    private final WebServer webServer;

    private QuiverServer(QuiverConfig config, MvStoreCollectionCatalog catalog, Application app, WebServer webServer) {
        this.config = config;
        this.catalog = catalog;
        this.app = app;
        this.webServer = webServer;
    }

    private static VectorIndexPort vectorIndexPort(QuiverConfig config, Path storage) {
        return switch (config.vectorIndex()) {
            case LUCENE -> new LuceneVectorIndexPort(storage);
            case HNSWLIB -> new HnswVectorIndexPort(storage);
        };
    }

    public static QuiverServer start(QuiverConfig config) {
        Path storage = config.storagePath().toAbsolutePath().normalize();
        MvStoreCollectionCatalog catalog = new MvStoreCollectionCatalog(storage);
        Application app = null;
        try {
            ServerIdentity identity = identity(storage);
            Path snapshots = config.snapshotsPath().toAbsolutePath().normalize();
            app = UseCaseFactory.create(new Application.Ports(catalog, new MvStorePointStorePort(storage),
                    new InMemoryPayloadIndexPort(), vectorIndexPort(config, storage), VectorMathProvider.best(),
                    new InMemorySparseIndexPort(), new ZipSnapshotArchive(),
                    new FileSnapshotStorage(snapshots, identity.peerId(), SNAPSHOT_DOWNLOAD_LIMIT_BYTES)));
            RestSettings settings = restSettings(config, storage);
            QdrantRestApi api = new QdrantRestApi(new QdrantRestApi.UseCases(OperationLog.logged(app.createCollection()),
                    app.getCollectionInfo(), app.listCollections(), app.updateCollection(), OperationLog.logged(app.deleteCollection()),
                    app.updateAliases(), app.listAliases(), app.updatePoints(), app.retrievePoints(),
                    app.scrollPoints(), app.countPoints(), OperationLog.logged(app.payloadIndexes()), app.facet(),
                    app.vectorNames(), app.queryPoints(), app.groupPoints(), app.searchMatrix(),
                    OperationLog.logged(app.createSnapshot()), app.listSnapshots(), app.downloadSnapshot(),
                    OperationLog.logged(app.deleteSnapshot()), OperationLog.logged(app.recoverSnapshot())),
                    identity, settings);
            WebServer server = WebServer.builder()
                    .host(config.host())
                    .port(config.httpPort())
                    .update(b -> QdrantTransport.configure(b, settings))
                    .update(b -> TlsSetup.apply(b, config))
                    .shutdownHook(false)
                    .routing(api::register)
                    .build()
                    .start();
            return new QuiverServer(config.withStoragePath(storage), catalog, app, server);
        } catch (RuntimeException e) {
            if (app != null) {
                app.close();
            }
            catalog.close();
            throw e;
        }
    }

    public int port() {
        return webServer.port();
    }

    public QuiverConfig config() {
        return config;
    }

    /** Stops accepting requests, then flushes and closes storage. */
    @Override
    public void close() {
        webServer.stop();
        app.close();
        catalog.close();
    }

    /** The REST adapter's view of the configuration; the keys go nowhere else. */
    private static RestSettings restSettings(QuiverConfig config, Path storage) {
        return new RestSettings(config.apiKey(), config.readOnlyApiKey(), config.enableCors(),
                config.maxRequestSizeMb(), RestSettings.DEFAULT_SLOW_REQUEST_THRESHOLD, storage, Instant.now());
    }

    /** {@code https} when TLS is on, else {@code http}. */
    public String scheme() {
        return config.enableTls() ? "https" : "http";
    }

    private static ServerIdentity identity(Path storage) {
        byte[] build = sha1("quiver " + buildVersion());
        long peer = 0;
        for (byte b : sha1(storage.toString())) {
            peer = (peer << 8) | (b & 0xFF);
        }
        return new ServerIdentity(API_VERSION, HexFormat.of().formatHex(build), peer & Long.MAX_VALUE);
    }

    static String buildVersion() {
        String v = QuiverServer.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
