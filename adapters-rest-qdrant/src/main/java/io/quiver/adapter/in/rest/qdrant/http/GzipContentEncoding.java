package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for Helidon's content-encoding negotiation, on the JDK's own gzip streams (Helidon's
 * {@code helidon-http-encoding-gzip} module is not available from the Maven repository this project
 * builds against). Responses are compressed when the client sends {@code Accept-Encoding: gzip};
 * request bodies sent with {@code Content-Encoding: gzip} are inflated, and the inflated size is held to
 * the same limit as a plain body, so a small compressed request cannot expand without bound.
 */
public final class GzipContentEncoding implements ContentEncoding {

    private final long maxDecodedBytes;

    /** @param maxDecodedBytes the largest body a compressed request may inflate to */
    public GzipContentEncoding(long maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public String type() {
        return "gzip";
    }

    @Override
    public Set<String> ids() {
        return Set.of("gzip", "x-gzip");
    }

    @Override
    public boolean supportsEncoding() {
        return true;
    }

    @Override
    public boolean supportsDecoding() {
        return true;
    }

    @Override
    public ContentDecoder decoder() {
        return network -> new BoundedInputStream(new LazyGzipInputStream(network), maxDecodedBytes);
    }

    @Override
    public ContentEncoder encoder() {
        return new ContentEncoder() {
            @Override
            public OutputStream apply(OutputStream network) {
                try {
                    return new GZIPOutputStream(network);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void headers(WritableHeaders<?> headers) {
                headers.set(HeaderNames.CONTENT_ENCODING, "gzip");
                headers.remove(HeaderNames.CONTENT_LENGTH);
            }
        };
    }

    /** Reads the gzip header on first use rather than when the decoder is attached. */
    private static final class LazyGzipInputStream extends InputStream {
        private final InputStream network;
        private GZIPInputStream gzip;

        LazyGzipInputStream(InputStream network) {
            this.network = network;
        }

        private GZIPInputStream gzip() throws IOException {
            if (gzip == null) {
                gzip = new GZIPInputStream(network);
            }
            return gzip;
        }

        @Override
        public int read() throws IOException {
            return gzip().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return gzip().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (gzip != null) {
                gzip.close();
            } else {
                network.close();
            }
        }
    }

    /** Fails with Helidon's "payload too large" once more than {@code max} bytes have been read. */
    private static final class BoundedInputStream extends FilterInputStream {
        private final long max;
        private long read;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw RequestException.builder()
                        .type(DirectHandler.EventType.PAYLOAD_TOO_LARGE)
                        .status(Status.REQUEST_ENTITY_TOO_LARGE_413)
                        .message("inflated request body exceeds " + max + " bytes")
                        .setKeepAlive(false)
                        .build();
            }
        }
    }
}
