package io.quiver.adapter.out.storage.snapshot;

import io.quiver.adapter.out.storage.codec.PayloadCodec;
import io.quiver.adapter.out.storage.codec.PointCodec;
import io.quiver.application.port.out.SnapshotArchivePort;
import io.quiver.application.port.out.SnapshotArchiveReader;
import io.quiver.application.port.out.SnapshotArchiveWriter;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.collection.CollectionConfigWriter;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.index.PayloadFieldSchemaReader;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Quiver's snapshot archive: one ZIP file (see ADR 0009). Entries, in this order:
 * <pre>
 * quiver-snapshot.header         {format, format_version, kind, created}       PayloadCodec document
 * collections/0/collection       {name, config, payload_indexes, aliases,      PayloadCodec document
 *                                 points_count, last_operation_id}
 * collections/0/points           point records in id order (below)
 * collections/1/collection …     (full snapshots: one pair per collection)
 * quiver-snapshot.end            {collections}                                 PayloadCodec document
 * </pre>
 * A point record is a tag byte ({@code 'n'} + 8-byte unsigned id, or {@code 'u'} + 16-byte UUID), a 4-byte
 * length and the point in {@link PointCodec} form; numbers are big-endian. Documents are
 * {@link PayloadCodec}-encoded trees, the configuration in the {@link CollectionConfigWriter} form the
 * catalog stores, so nothing is ever Java-serialized.
 *
 * <p>The reader streams and trusts nothing: entries must come in exactly this order under exactly these
 * names (names are only compared, never used as paths), every document and record has a size cap, ids
 * must ascend, counts must match, and ZIP's CRC-32 is checked at the end of every entry. Any deviation is
 * a {@link BadRequestException}, so a damaged archive is refused before anything is changed.
 */
public final class ZipSnapshotArchive implements SnapshotArchivePort {

    static final String FORMAT = "quiver-snapshot";
    static final int FORMAT_VERSION = 1;
    static final String HEADER = "quiver-snapshot.header";
    static final String END = "quiver-snapshot.end";
    /** Largest header or collection document accepted. */
    static final int MAX_DOCUMENT_BYTES = 16 << 20;
    /** Largest encoded point accepted (a point is never larger than a request body, 32 MB by default). */
    static final int MAX_POINT_BYTES = 64 << 20;
    /** Most collections one archive may hold. */
    static final int MAX_COLLECTIONS = 100_000;

    private static final byte NUMERIC = 'n';
    private static final byte UUID_ID = 'u';

    static String sectionEntry(int index) {
        return "collections/" + index + "/collection";
    }

    static String pointsEntry(int index) {
        return "collections/" + index + "/points";
    }

    @Override
    public SnapshotArchiveWriter writer(OutputStream out, Header header) {
        return new Writer(out, header);
    }

    @Override
    public SnapshotArchiveReader reader(InputStream in) {
        return new Reader(in);
    }

    // ------------------------------------------------------------------------------------ writing

    private static final class Writer implements SnapshotArchiveWriter {
        private final ZipOutputStream zip;
        private final DataOutputStream data;
        private final FileTime time;
        private int sections;
        private long remaining;

        Writer(OutputStream out, Header header) {
            // the caller owns the stream: finishing the ZIP must not close it
            this.zip = new ZipOutputStream(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            });
            zip.setLevel(Deflater.BEST_SPEED);
            this.data = new DataOutputStream(zip);
            this.time = FileTime.from(header.created());
            Map<String, PayloadValue> doc = new LinkedHashMap<>();
            doc.put("format", PayloadValue.of(FORMAT));
            doc.put("format_version", PayloadValue.of(FORMAT_VERSION));
            doc.put("kind", PayloadValue.of(header.kind().name().toLowerCase(Locale.ROOT)));
            doc.put("created", PayloadValue.of(header.created().toString()));
            document(HEADER, new ObjectValue(doc));
        }

        @Override
        public void beginCollection(CollectionSection section) {
            requireSectionComplete();
            Map<String, PayloadValue> doc = new LinkedHashMap<>();
            doc.put("name", PayloadValue.of(section.name()));
            doc.put("config", CollectionConfigWriter.write(section.config()));
            doc.put("payload_indexes", new ArrayValue(section.payloadIndexes().stream()
                    .map(s -> (PayloadValue) PayloadFieldSchemaReader.toDocument(s)).toList()));
            doc.put("aliases", new ArrayValue(section.aliases().stream().map(PayloadValue::of).toList()));
            doc.put("points_count", PayloadValue.of(section.pointsCount()));
            doc.put("last_operation_id", PayloadValue.of(section.lastOperationId()));
            document(sectionEntry(sections), new ObjectValue(doc));
            begin(pointsEntry(sections));
            sections++;
            remaining = section.pointsCount();
        }

        @Override
        public void point(Point point) {
            if (remaining-- <= 0) {
                throw new IllegalStateException("more points than the section announced");
            }
            byte[] encoded = PointCodec.encode(point);
            try {
                switch (point.id()) {
                    case PointId.NumericId n -> {
                        data.writeByte(NUMERIC);
                        data.writeLong(n.value());
                    }
                    case PointId.UuidId u -> {
                        data.writeByte(UUID_ID);
                        data.writeLong(u.value().getMostSignificantBits());
                        data.writeLong(u.value().getLeastSignificantBits());
                    }
                }
                data.writeInt(encoded.length);
                data.write(encoded);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the snapshot: " + e.getMessage(), e);
            }
        }

        @Override
        public void finish() {
            requireSectionComplete();
            document(END, new ObjectValue(Map.of("collections", PayloadValue.of(sections))));
            try {
                zip.close(); // finishes the archive and flushes; the caller's stream stays open
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the snapshot: " + e.getMessage(), e);
            }
        }

        private void requireSectionComplete() {
            if (remaining != 0) {
                throw new IllegalStateException(remaining + " points announced but not written");
            }
        }

        private void document(String name, ObjectValue doc) {
            begin(name);
            try {
                data.write(PayloadCodec.encode(doc));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the snapshot: " + e.getMessage(), e);
            }
        }

        private void begin(String name) {
            try {
                data.flush();
                zip.closeEntry();
                ZipEntry entry = new ZipEntry(name);
                entry.setLastModifiedTime(time);
                zip.putNextEntry(entry);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the snapshot: " + e.getMessage(), e);
            }
        }
    }

    // ------------------------------------------------------------------------------------ reading

    private static final class Reader implements SnapshotArchiveReader {
        private final CheckedZipInputStream zip;
        private final DataInputStream data;
        private final Header header;
        private int sections;
        private boolean ended;
        private CollectionSection current;
        private long pointsRead;
        private PointId lastId;

        Reader(InputStream in) {
            this.zip = new CheckedZipInputStream(in);
            this.data = new DataInputStream(zip);
            this.header = guarded(this::readHeader);
        }

        @Override
        public Header header() {
            return header;
        }

        @Override
        public CollectionSection nextCollection() {
            return guarded(this::readNextCollection);
        }

        @Override
        public Point nextPoint() {
            return guarded(this::readNextPoint);
        }

        private Header readHeader() throws IOException {
            TreeReader r = document(HEADER);
            if (!FORMAT.equals(r.optString("format"))) {
                throw damaged("this is not a Quiver snapshot");
            }
            long version = r.reqUnsigned("format_version");
            if (version != FORMAT_VERSION) {
                throw damaged("format version " + version + " is not supported (this server reads version "
                        + FORMAT_VERSION + ")");
            }
            Kind kind = switch (r.reqString("kind")) {
                case "collection" -> Kind.COLLECTION;
                case "full" -> Kind.FULL;
                default -> throw damaged("unknown snapshot kind");
            };
            Instant created;
            try {
                created = Instant.parse(r.reqString("created"));
            } catch (DateTimeParseException e) {
                throw damaged("unreadable creation time");
            }
            return new Header(kind, created);
        }

        private CollectionSection readNextCollection() throws IOException {
            if (ended) {
                return null;
            }
            if (current != null) {
                // skip what is left of the current section; closing the entry still checks its CRC
                zip.closeEntry();
                current = null;
            }
            ZipEntry entry = zip.getNextEntry();
            if (entry == null) {
                throw damaged("the archive ends before its end marker (truncated?)");
            }
            if (entry.getName().equals(END)) {
                TreeReader end = TreeReader.of(readDocument(), "");
                if (end.reqUnsigned("collections") != sections) {
                    throw damaged("the end marker counts another number of collections");
                }
                zip.verifyDirectory();
                ended = true;
                return null;
            }
            if (!entry.getName().equals(sectionEntry(sections)) || sections >= MAX_COLLECTIONS) {
                throw damaged("unexpected entry");
            }
            if (header.kind() == Kind.COLLECTION && sections > 0) {
                throw damaged("a collection snapshot holds more than one collection");
            }
            CollectionSection section = section(TreeReader.of(readDocument(), ""));
            expectEntry(pointsEntry(sections));
            sections++;
            current = section;
            pointsRead = 0;
            lastId = null;
            return section;
        }

        private Point readNextPoint() throws IOException {
            if (current == null) {
                return null;
            }
            int tag = data.read();
            if (tag < 0) {
                if (pointsRead != current.pointsCount()) {
                    throw damaged("collection `" + current.name() + "` announces " + current.pointsCount()
                            + " points but holds " + pointsRead);
                }
                return null;
            }
            PointId id = switch (tag) {
                case NUMERIC -> PointId.of(data.readLong());
                case UUID_ID -> PointId.of(new UUID(data.readLong(), data.readLong()));
                default -> throw damaged("unknown point record");
            };
            if (lastId != null && lastId.compareTo(id) >= 0) {
                throw damaged("point ids are not in ascending order");
            }
            int length = data.readInt();
            if (length < 1 || length > MAX_POINT_BYTES) {
                throw damaged("a point record has an impossible length");
            }
            byte[] encoded = data.readNBytes(length);
            if (encoded.length != length) {
                throw damaged("a point record is truncated");
            }
            if (++pointsRead > current.pointsCount()) {
                throw damaged("collection `" + current.name() + "` holds more points than it announces");
            }
            lastId = id;
            return PointCodec.decode(id, encoded);
        }

        private CollectionSection section(TreeReader r) {
            String name = r.reqString("name");
            CollectionName.check("name", name);
            ObjectValue configDoc = r.optObject("config");
            if (configDoc == null) {
                throw r.missing("config");
            }
            CollectionConfig config = CollectionConfigReader.readStored(configDoc);
            List<PayloadFieldSchema> indexes = new ArrayList<>();
            for (PayloadValue v : orEmpty(r.optArray("payload_indexes"))) {
                if (!(v instanceof ObjectValue o)) {
                    throw damaged("a payload index definition is not a document");
                }
                indexes.add(PayloadFieldSchemaReader.fromDocument(o));
            }
            List<String> aliases = new ArrayList<>();
            for (PayloadValue v : orEmpty(r.optArray("aliases"))) {
                if (!(v instanceof PayloadValue.StringValue s)) {
                    throw damaged("an alias is not a name");
                }
                CollectionName.check("aliases", s.value());
                aliases.add(s.value());
            }
            return new CollectionSection(name, config, indexes, aliases, r.reqUnsigned("points_count"),
                    r.reqUnsigned("last_operation_id"));
        }

        private static List<PayloadValue> orEmpty(List<PayloadValue> values) {
            return values == null ? List.of() : values;
        }

        private TreeReader document(String name) throws IOException {
            expectEntry(name);
            return TreeReader.of(readDocument(), "");
        }

        private void expectEntry(String name) throws IOException {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null || !entry.getName().equals(name)) {
                throw damaged(entry == null ? "the archive ends early" : "unexpected entry");
            }
        }

        /** The current entry, whole (which also checks its CRC), as a document. */
        private ObjectValue readDocument() throws IOException {
            byte[] bytes = zip.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw damaged("a document is too large");
            }
            return PayloadCodec.decodeObject(bytes);
        }

        private interface Step<T> {
            T run() throws IOException;
        }

        /** Runs one step of reading; whatever goes wrong becomes "damaged", nothing else escapes. */
        private static <T> T guarded(Step<T> step) {
            try {
                return step.run();
            } catch (BadRequestException e) {
                throw e;
            } catch (EOFException e) {
                throw damaged("the archive is truncated");
            } catch (IOException | RuntimeException e) {
                String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw damaged(detail);
            }
        }
    }

    /**
     * A ZIP reader that also checks what a streaming reader normally skips: the central directory at the
     * end must list exactly the entries read, in order, with their names, methods, CRCs and sizes, followed
     * by the end record and nothing else. So a truncated or extended archive fails even where its entries
     * survived.
     */
    private static final class CheckedZipInputStream extends ZipInputStream {
        private static final long CEN_SIG = 0x02014b50L;
        private static final long END_SIG = 0x06054b50L;
        private static final long ZIP64_END_SIG = 0x06064b50L;
        private static final long ZIP64_LOCATOR_SIG = 0x07064b50L;
        private static final long UNKNOWN_32 = 0xFFFFFFFFL;

        private final List<ZipEntry> entries = new ArrayList<>();

        CheckedZipInputStream(InputStream in) {
            super(in);
        }

        @Override
        public ZipEntry getNextEntry() throws IOException {
            ZipEntry entry = super.getNextEntry();
            if (entry != null) {
                entries.add(entry);
            }
            return entry;
        }

        /** Call once the last entry has been read to its end: checks the rest of the archive. */
        void verifyDirectory() throws IOException {
            // what the inflater read ahead was pushed back into `in` when the last entry ended
            InputStream raw = in;
            long directoryBytes = 0;
            for (ZipEntry e : entries) {
                byte[] h = raw.readNBytes(46);
                if (h.length < 46 || le32(h, 0) != CEN_SIG) {
                    throw damaged("the archive's directory is missing or damaged");
                }
                int nameLength = le16(h, 28);
                int extraLength = le16(h, 30);
                int commentLength = le16(h, 32);
                byte[] name = raw.readNBytes(nameLength);
                if (raw.readNBytes(extraLength + commentLength).length != extraLength + commentLength
                        || !new String(name, java.nio.charset.StandardCharsets.UTF_8).equals(e.getName())
                        || le16(h, 10) != e.getMethod() || le32(h, 16) != e.getCrc()
                        || (le32(h, 20) != UNKNOWN_32 && le32(h, 20) != e.getCompressedSize())
                        || (le32(h, 24) != UNKNOWN_32 && le32(h, 24) != e.getSize())) {
                    throw damaged("the archive's directory does not match its entries");
                }
                directoryBytes += 46 + nameLength + extraLength + commentLength;
            }
            byte[] sig = raw.readNBytes(4);
            if (sig.length == 4 && le32(sig, 0) == ZIP64_END_SIG) {
                byte[] size = raw.readNBytes(8);
                long recordSize = size.length == 8 ? le32(size, 0) | (le32(size, 4) << 32) : -1;
                if (recordSize < 44 || recordSize > 1 << 16 || raw.readNBytes((int) recordSize).length != recordSize) {
                    throw damaged("the archive's end record is damaged");
                }
                byte[] locator = raw.readNBytes(20);
                if (locator.length != 20 || le32(locator, 0) != ZIP64_LOCATOR_SIG) {
                    throw damaged("the archive's end record is damaged");
                }
                sig = raw.readNBytes(4);
            }
            byte[] end = raw.readNBytes(18);
            if (sig.length != 4 || le32(sig, 0) != END_SIG || end.length != 18) {
                throw damaged("the archive's end record is missing (truncated?)");
            }
            int total = le16(end, 6);
            long size = le32(end, 8);
            if ((total != 0xFFFF && total != entries.size()) || (size != UNKNOWN_32 && size != directoryBytes)
                    || le16(end, 16) != 0) {
                throw damaged("the archive's end record does not match its entries");
            }
            if (raw.read() != -1) {
                throw damaged("there is data after the end of the archive");
            }
        }

        private static int le16(byte[] b, int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }

        private static long le32(byte[] b, int at) {
            return (le16(b, at) | (long) le16(b, at + 2) << 16) & 0xFFFFFFFFL;
        }
    }

    static BadRequestException damaged(String detail) {
        return new BadRequestException("Snapshot is damaged or not a Quiver snapshot: " + detail);
    }
}
