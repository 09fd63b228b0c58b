package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.error.InvalidQueryParameterException;
import io.quiver.adapter.in.rest.qdrant.mapping.InvalidPathParameterException;
import io.quiver.adapter.in.rest.qdrant.mapping.SnapshotMapper;
import io.quiver.application.port.in.CreateSnapshotUseCase;
import io.quiver.application.port.in.DeleteSnapshotUseCase;
import io.quiver.application.port.in.DownloadSnapshotUseCase;
import io.quiver.application.port.in.DownloadSnapshotUseCase.SnapshotDownload;
import io.quiver.application.port.in.ListCollectionsUseCase;
import io.quiver.application.port.in.ListSnapshotsUseCase;
import io.quiver.application.port.in.RecoverSnapshotUseCase;
import io.quiver.application.port.in.RecoverSnapshotUseCase.RecoverSnapshotCommand;
import io.quiver.application.port.in.RecoverSnapshotUseCase.Source;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.snapshot.SnapshotPriority;
import io.quiver.domain.error.MalformedInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Snapshots: collection snapshots ({@code /collections/{name}/snapshots…}), full-storage snapshots
 * ({@code /snapshots…}) and the shard snapshot endpoints, answered as a single-shard Qdrant answers them
 * (shard 0 is the collection; any other shard does not exist). Creating, deleting and recovering honour
 * {@code wait} (default {@code true}); with {@code wait=false} the work runs in the background and the
 * answer is 202 {@code accepted}. Downloads stream the file as {@code application/octet-stream}.
 */
public final class SnapshotsRoutes implements HttpService {

    private static final Logger LOG = Logger.getLogger(SnapshotsRoutes.class.getName());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final String COLLECTION = "/collections/{collection_name}";
    private static final String SHARD = COLLECTION + "/shards/{shard_id}";

    private final CreateSnapshotUseCase create;
    private final ListSnapshotsUseCase list;
    private final DownloadSnapshotUseCase download;
    private final DeleteSnapshotUseCase delete;
    private final RecoverSnapshotUseCase recover;
    private final ListCollectionsUseCase collections;

    public SnapshotsRoutes(CreateSnapshotUseCase create, ListSnapshotsUseCase list, DownloadSnapshotUseCase download,
                           DeleteSnapshotUseCase delete, RecoverSnapshotUseCase recover,
                           ListCollectionsUseCase collections) {
        this.create = create;
        this.list = list;
        this.download = download;
        this.delete = delete;
        this.recover = recover;
        this.collections = collections;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(COLLECTION + "/snapshots", (req, res) -> createSnapshot(req, res, collection(req)))
                .get(COLLECTION + "/snapshots", (req, res) -> listSnapshots(req, res, collection(req)))
                .put(COLLECTION + "/snapshots/recover", (req, res) -> recoverFromLocation(req, res, collection(req)))
                .post(COLLECTION + "/snapshots/upload", (req, res) -> recoverFromUpload(req, res, collection(req)))
                .get(COLLECTION + "/snapshots/{snapshot_name}", (req, res) ->
                        send(res, download.open(collection(req), Requests.path(req, "snapshot_name"))))
                .delete(COLLECTION + "/snapshots/{snapshot_name}", (req, res) ->
                        deleteSnapshot(req, res, collection(req)))
                .post("/snapshots", this::createFull)
                .get("/snapshots", (req, res) -> {
                    var all = list.listFull();
                    Envelope.ok(req, res, g -> SnapshotMapper.writeDescriptions(g, all));
                })
                .get("/snapshots/{snapshot_name}", (req, res) ->
                        send(res, download.openFull(Requests.path(req, "snapshot_name"))))
                .delete("/snapshots/{snapshot_name}", this::deleteFull)
                .post(SHARD + "/snapshots", (req, res) -> createSnapshot(req, res, shardZero(req)))
                .get(SHARD + "/snapshots", (req, res) -> listSnapshots(req, res, shardZero(req)))
                .put(SHARD + "/snapshots/recover", (req, res) -> recoverFromLocation(req, res, shardZero(req)))
                .post(SHARD + "/snapshots/upload", (req, res) -> recoverFromUpload(req, res, shardZero(req)))
                .get(SHARD + "/snapshots/{snapshot_name}", (req, res) ->
                        send(res, download.open(shardZero(req), Requests.path(req, "snapshot_name"))))
                .delete(SHARD + "/snapshots/{snapshot_name}", (req, res) -> deleteSnapshot(req, res, shardZero(req)))
                .get(SHARD + "/snapshot", this::streamShard);
    }

    // ------------------------------------------------------------------------------ collection snapshots

    private void createSnapshot(ServerRequest req, ServerResponse res, String collection) {
        boolean wait = waitFlag(req);
        run(req, res, wait, create.create(collection), "snapshot of collection " + collection,
                d -> Envelope.ok(req, res, g -> SnapshotMapper.writeDescription(g, d)));
    }

    private void listSnapshots(ServerRequest req, ServerResponse res, String collection) {
        var all = list.list(collection);
        Envelope.ok(req, res, g -> SnapshotMapper.writeDescriptions(g, all));
    }

    private void deleteSnapshot(ServerRequest req, ServerResponse res, String collection) {
        boolean wait = waitFlag(req);
        String name = Requests.path(req, "snapshot_name");
        run(req, res, wait, delete.delete(collection, name), "deletion of snapshot " + name,
                ok -> Envelope.okBoolean(req, res, ok));
    }

    private void recoverFromLocation(ServerRequest req, ServerResponse res, String collection) {
        boolean wait = waitFlag(req);
        CollectionName name = collectionName(collection);
        SnapshotMapper.Recover body = SnapshotMapper.readRecover(Requests.jsonObject(req));
        Supplier<Boolean> job = recover.recover(new RecoverSnapshotCommand(name, body.location(), body.checksum(),
                body.priority()));
        run(req, res, wait, job, "recovery of collection " + collection, ok -> Envelope.okBoolean(req, res, ok));
    }

    private void recoverFromUpload(ServerRequest req, ServerResponse res, String collection) {
        boolean wait = waitFlag(req);
        CollectionName name = collectionName(collection);
        SnapshotPriority priority = req.query().first("priority").asOptional().map(p -> {
            try {
                return SnapshotPriority.of(p, "priority");
            } catch (MalformedInputException e) {
                throw new InvalidQueryParameterException(e.description());
            }
        }).orElse(null);
        String checksum = req.query().first("checksum").asOptional().orElse(null);
        if (checksum != null && !SHA256.matcher(checksum).matches()) {
            throw new InvalidQueryParameterException("checksum: must be a SHA-256 hash: 64 hexadecimal digits");
        }
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        var content = MultipartFormReader.part(req.content().inputStream(), contentType, "snapshot");
        Supplier<Boolean> job = recover.recover(new RecoverSnapshotCommand(name, new Source.Upload(content), checksum,
                priority));
        run(req, res, wait, job, "recovery of collection " + collection, ok -> Envelope.okBoolean(req, res, ok));
    }

    // ------------------------------------------------------------------------------ full snapshots

    private void createFull(ServerRequest req, ServerResponse res) {
        boolean wait = waitFlag(req);
        run(req, res, wait, create.createFull(), "full snapshot",
                d -> Envelope.ok(req, res, g -> SnapshotMapper.writeDescription(g, d)));
    }

    private void deleteFull(ServerRequest req, ServerResponse res) {
        boolean wait = waitFlag(req);
        String name = Requests.path(req, "snapshot_name");
        run(req, res, wait, delete.deleteFull(name), "deletion of snapshot " + name,
                ok -> Envelope.okBoolean(req, res, ok));
    }

    // ------------------------------------------------------------------------------ shards

    /** A standalone collection has one shard, 0; it stands for the collection. Other ids name nothing. */
    private String shardZero(ServerRequest req) {
        String collection = collection(req);
        String shard = Requests.path(req, "shard_id");
        if (!collections.exists(collection)) {
            throw new NotFoundException("Collection `" + collection + "` doesn't exist!");
        }
        if (!"0".equals(shard)) {
            throw new NotFoundException("shard " + shard + " not found");
        }
        return collection;
    }

    /** {@code GET …/shards/0/snapshot}: a fresh snapshot written straight into the response, stored nowhere. */
    private void streamShard(ServerRequest req, ServerResponse res) {
        String collection = shardZero(req);
        var writer = create.stream(collection);
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        try (OutputStream out = res.outputStream()) {
            writer.accept(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private interface Answer<T> {
        void send(T result);
    }

    /** Runs the work now and answers with its result, or in the background and answers 202. */
    private static <T> void run(ServerRequest req, ServerResponse res, boolean wait, Supplier<T> job, String what,
                                Answer<T> answer) {
        if (wait) {
            answer.send(job.get());
            return;
        }
        Thread.ofVirtual().name("quiver-snapshot").start(() -> {
            try {
                job.get();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "event=snapshot_failed background " + what + " failed: " + e.getMessage(), e);
            }
        });
        Envelope.accepted(req, res);
    }

    private static void send(ServerResponse res, SnapshotDownload file) {
        try (file) {
            res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
            if (PLAIN_FILE_NAME.matcher(file.name()).matches()) {
                res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file.name() + "\"");
            }
            try (OutputStream out = res.outputStream()) {
                file.content().transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String collection(ServerRequest req) {
        return Requests.path(req, "collection_name");
    }

    /** Snapshot operations default to {@code wait=true}, unlike point writes. */
    private static boolean waitFlag(ServerRequest req) {
        return Requests.flag(req, "wait").orElse(true);
    }

    private static CollectionName collectionName(String raw) {
        try {
            return new CollectionName(raw);
        } catch (ValidationException e) {
            throw new InvalidPathParameterException(e);
        }
    }
}
