package io.quiver.adapter.out.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.application.port.out.SnapshotArchiveContract;
import io.quiver.application.port.out.SnapshotArchivePort;
import io.quiver.domain.error.BadRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The ZIP archive against the port's contract, plus what is particular to ZIP. */
class ZipSnapshotArchiveContractTest extends SnapshotArchiveContract {

    @Override
    protected SnapshotArchivePort port() {
        return new ZipSnapshotArchive();
    }

    @Test
    void theArchiveIsAPlainZipWithTheDocumentedEntries() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(collectionSnapshot()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).containsExactly("quiver-snapshot.header", "collections/0/collection",
                "collections/0/points", "quiver-snapshot.end");
    }

    /** Entry names are only ever compared: a path-like name is simply an unexpected entry. */
    @Test
    void entriesWithOtherNamesOrOrderAreRefused() throws IOException {
        for (List<String> names : List.of(List.of("../../etc/passwd"), List.of("/abs"),
                List.of("quiver-snapshot.header", "../collections/0/collection"),
                List.of("collections/0/points", "quiver-snapshot.header"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (String name : names) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(new byte[] {1, 2, 3});
                }
            }
            assertThatThrownBy(() -> readAll(out.toByteArray())).as("%s", names)
                    .isInstanceOf(BadRequestException.class);
        }
    }

    /** A huge length in a point record is refused before anything is allocated for it. */
    @Test
    void impossibleLengthsAreRefused() throws IOException {
        byte[] archive = collectionSnapshot();
        // rebuild the archive with the points entry replaced by one record claiming 2 GB
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().endsWith("/points")) {
                    zip.write(new byte[] {'n', 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
                } else {
                    in.transferTo(zip);
                }
            }
        }
        assertThatThrownBy(() -> readAll(out.toByteArray())).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("impossible length");
    }
}
