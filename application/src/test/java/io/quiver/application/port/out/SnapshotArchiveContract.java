package io.quiver.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.application.port.out.SnapshotArchivePort.CollectionSection;
import io.quiver.application.port.out.SnapshotArchivePort.Header;
import io.quiver.application.port.out.SnapshotArchivePort.Kind;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.CollectionConfigMother;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SnapshotArchivePort} must do: give back exactly what was written (header, sections,
 * points with their versions, in order), let a reader skip a section, and refuse any damaged archive
 * with a {@link BadRequestException} and nothing else. An adapter's test extends this class and supplies
 * {@link #port()}.
 */
public abstract class SnapshotArchiveContract {

    protected abstract SnapshotArchivePort port();

    static final Instant CREATED = Instant.parse("2026-03-04T05:06:07Z");

    static CollectionSection section(String name, CollectionConfig config, List<String> aliases, int points) {
        return new CollectionSection(name, config,
                List.of(PayloadFieldSchema.of("city", PayloadSchemaType.KEYWORD),
                        PayloadFieldSchema.of("n", PayloadSchemaType.INTEGER)),
                aliases, points, 40 + points);
    }

    /** Dense points in id order: numbers first, then UUIDs, each with a payload and its own version. */
    static List<Point> densePoints(int count, int dimension) {
        Random random = new Random(count);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PointId id = i < count / 2 ? PointId.of(i * 3L) : PointId.of(new UUID(1, i));
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = random.nextFloat();
            }
            points.add(new Point(id, Map.of("", new VectorData.Dense(v)),
                    PayloadMother.json("{\"city\": \"c" + (i % 3) + "\", \"n\": " + i
                            + ", \"nested\": {\"list\": [1, \"two\", null, 3.5, true]}}"), 1 + i % 4));
        }
        return points;
    }

    byte[] write(Kind kind, List<CollectionSection> sections, List<List<Point>> points) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotArchiveWriter writer = port().writer(out, new Header(kind, CREATED));
        for (int i = 0; i < sections.size(); i++) {
            writer.beginCollection(sections.get(i));
            points.get(i).forEach(writer::point);
        }
        writer.finish();
        return out.toByteArray();
    }

    protected byte[] collectionSnapshot() {
        return write(Kind.COLLECTION, List.of(section("docs", CollectionConfigMother.single(8,
                io.quiver.domain.vector.Distance.DOT), List.of(), 50)), List.of(densePoints(50, 8)));
    }

    /** Reads the whole archive: every section and every point. */
    protected List<Object> readAll(byte[] archive) {
        SnapshotArchiveReader reader = port().reader(new ByteArrayInputStream(archive));
        List<Object> all = new ArrayList<>();
        all.add(reader.header());
        for (CollectionSection s = reader.nextCollection(); s != null; s = reader.nextCollection()) {
            all.add(s);
            for (Point p = reader.nextPoint(); p != null; p = reader.nextPoint()) {
                all.add(p);
            }
        }
        return all;
    }

    // ------------------------------------------------------------------------------ round trips

    @Test
    void aCollectionSnapshotReadsBackExactlyAsWritten() {
        CollectionSection section = section("docs", CollectionConfigMother.single(8,
                io.quiver.domain.vector.Distance.DOT), List.of(), 50);
        List<Point> points = densePoints(50, 8);
        byte[] archive = write(Kind.COLLECTION, List.of(section), List.of(points));

        SnapshotArchiveReader reader = port().reader(new ByteArrayInputStream(archive));
        assertThat(reader.header()).isEqualTo(new Header(Kind.COLLECTION, CREATED));
        assertThat(reader.nextCollection()).isEqualTo(section);
        List<Point> read = new ArrayList<>();
        for (Point p = reader.nextPoint(); p != null; p = reader.nextPoint()) {
            read.add(p);
        }
        assertThat(read).isEqualTo(points);
        assertThat(read).extracting(Point::version).isEqualTo(points.stream().map(Point::version).toList());
        assertThat(reader.nextPoint()).isNull();
        assertThat(reader.nextCollection()).isNull();
        assertThat(reader.nextCollection()).isNull();
    }

    @Test
    void everyKindOfVectorAndAnEmptyCollectionSurvive() {
        CollectionConfig config = CollectionConfigMother.sparse();
        List<Point> points = List.of(
                new Point(PointId.of(1), Map.of("sparse", new VectorData.Sparse(new int[] {7, 2, 900},
                        new float[] {0.5f, -1f, 3f})), PayloadMother.empty(), 3),
                new Point(PointId.of(Long.MIN_VALUE), Map.of("m", new VectorData.Multi(new float[][] {{1, 2}, {3, 4}}),
                        "d", new VectorData.Dense(new float[] {Float.MIN_VALUE, -0f, 1e30f})),
                        PayloadMother.json("{\"\": \"empty key\", \"ü\": [[[]]]}"), 9));
        CollectionSection first = section("mixed", config, List.of("a1", "a2"), 2);
        CollectionSection empty = section("empty", CollectionConfigMother.single(), List.of(), 0);
        byte[] archive = write(Kind.FULL, List.of(first, empty), List.of(points, List.of()));

        List<Object> all = readAll(archive);
        assertThat(all).containsExactly(new Header(Kind.FULL, CREATED), first, points.get(0), points.get(1), empty);
    }

    @Test
    void aReaderCanSkipCollectionsAndStillChecksTheWholeArchive() {
        List<Point> a = densePoints(30, 3);
        List<Point> b = densePoints(10, 3);
        CollectionConfig config = CollectionConfigMother.single(3, io.quiver.domain.vector.Distance.EUCLID);
        CollectionSection sa = section("a", config, List.of("x"), 30);
        CollectionSection sb = section("b", config, List.of(), 10);
        byte[] archive = write(Kind.FULL, List.of(sa, sb), List.of(a, b));

        SnapshotArchiveReader reader = port().reader(new ByteArrayInputStream(archive));
        assertThat(reader.nextCollection()).isEqualTo(sa);
        assertThat(reader.nextPoint()).isEqualTo(a.get(0)); // then leave the rest of `a` unread
        assertThat(reader.nextCollection()).isEqualTo(sb);
        List<Point> read = new ArrayList<>();
        for (Point p = reader.nextPoint(); p != null; p = reader.nextPoint()) {
            read.add(p);
        }
        assertThat(read).isEqualTo(b);
        assertThat(reader.nextCollection()).isNull();
    }

    @Test
    void theWriterHoldsTheCallerToTheAnnouncedCounts() {
        SnapshotArchiveWriter writer = port().writer(new ByteArrayOutputStream(), new Header(Kind.COLLECTION, CREATED));
        writer.beginCollection(section("c", CollectionConfigMother.single(8, io.quiver.domain.vector.Distance.DOT),
                List.of(), 1));
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
        writer.point(densePoints(1, 8).get(0));
        assertThatThrownBy(() -> writer.point(densePoints(1, 8).get(0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCallersStreamIsLeftOpen() {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the writer closed the caller's stream");
            }
        };
        SnapshotArchiveWriter writer = port().writer(out, new Header(Kind.FULL, CREATED));
        writer.finish();
        assertThat(readAll(out.toByteArray())).containsExactly(new Header(Kind.FULL, CREATED));
    }

    // ------------------------------------------------------------------------------ damage

    @Test
    void garbageIsRefused() {
        byte[] random = new byte[10_000];
        new Random(3).nextBytes(random);
        for (byte[] bad : List.of(new byte[0], "PK".getBytes(), "not a snapshot".getBytes(), random)) {
            assertThatThrownBy(() -> readAll(bad)).isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] archive = collectionSnapshot();
        for (int length = 0; length < archive.length; length += Math.max(1, length / 40)) {
            byte[] cut = Arrays.copyOf(archive, length);
            assertThatThrownBy(() -> readAll(cut)).as("cut at %d of %d", length, archive.length)
                    .isInstanceOf(BadRequestException.class);
        }
        for (int tail = 1; tail <= 64; tail++) {
            byte[] cut = Arrays.copyOf(archive, archive.length - tail);
            assertThatThrownBy(() -> readAll(cut)).as("%d bytes short", tail).isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void bytesAfterTheEndAreRefused() {
        byte[] archive = collectionSnapshot();
        byte[] longer = Arrays.copyOf(archive, archive.length + 3);
        assertThatThrownBy(() -> readAll(longer)).isInstanceOf(BadRequestException.class);
        byte[] twice = Arrays.copyOf(archive, archive.length * 2);
        System.arraycopy(archive, 0, twice, archive.length, archive.length);
        assertThatThrownBy(() -> readAll(twice)).isInstanceOf(BadRequestException.class);
    }

    /**
     * Any changed byte is refused, or else (a byte of archive metadata that holds no data, such as an
     * entry's timestamp) the archive reads back exactly as written: never another exception, never
     * different content.
     */
    @Test
    void aChangedByteIsRefusedOrChangesNothing() {
        byte[] archive = collectionSnapshot();
        List<Object> expected = readAll(archive);
        Random random = new Random(11);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] changed = archive.clone();
            changed[random.nextInt(changed.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                assertThat(readAll(changed)).isEqualTo(expected);
            } catch (BadRequestException e) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(300);
    }
}
