package io.quiver.adapter.in.rest.qdrant.http;

import io.quiver.domain.error.BadRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams one file out of a {@code multipart/form-data} body (RFC 7578) without holding it in memory:
 * {@link #part} skips to the part of the given name and returns its content as a stream that ends at the
 * next boundary. Headers are bounded in size and number; a body that ends inside the part, or has no such
 * part, is a bad request.
 */
final class MultipartFormReader {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary\\s*=\\s*(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]*))");
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 64;
    private static final int MAX_PARTS = 1_000;

    private final InputStream in;
    private final byte[] delimiter;
    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private boolean eof;

    private MultipartFormReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // the first boundary has no line break before it: pretend it has one
        buf[lim++] = '\r';
        buf[lim++] = '\n';
    }

    /** The content of the part named {@code name} in the form {@code body} of type {@code contentType}. */
    static InputStream part(InputStream body, String contentType, String name) {
        String type = contentType == null ? "" : contentType.trim();
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw error("expected a multipart/form-data body with a `" + name + "` file");
        }
        Matcher m = BOUNDARY.matcher(type.substring("multipart/form-data".length()));
        if (!m.find()) {
            throw error("the multipart/form-data content type names no boundary");
        }
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        return new MultipartFormReader(body, boundary).find(name);
    }

    private InputStream find(String name) {
        if (!skipPastDelimiter()) {
            throw error("the body holds no form part");
        }
        for (int parts = 0; parts < MAX_PARTS; parts++) {
            if (!ensure(2)) {
                throw truncated();
            }
            if (buf[pos] == '-' && buf[pos + 1] == '-') {
                throw error("the form has no `" + name + "` part");
            }
            readLine(); // the rest of the boundary line (transport padding)
            String partName = null;
            for (int headers = 0; ; headers++) {
                if (headers > MAX_HEADERS) {
                    throw error("a form part has too many headers");
                }
                String line = readLine();
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
                    Matcher n = NAME.matcher(line.substring(colon + 1));
                    if (n.find()) {
                        partName = n.group(1) != null ? n.group(1) : n.group(2);
                    }
                }
            }
            if (name.equals(partName)) {
                return new PartStream();
            }
            if (!skipPastDelimiter()) {
                throw truncated();
            }
        }
        throw error("the form has too many parts");
    }

    /** Discards everything up to and including the next delimiter; false at the end of the body. */
    private boolean skipPastDelimiter() {
        while (true) {
            int at = indexOfDelimiter();
            if (at >= 0) {
                pos = at + delimiter.length;
                return true;
            }
            pos = Math.max(pos, lim - (delimiter.length - 1));
            if (eof) {
                return false;
            }
            fill();
        }
    }

    private String readLine() {
        while (true) {
            for (int i = pos; i + 1 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return line;
                }
            }
            if (lim - pos > MAX_HEADER_LINE) {
                throw error("a form part header is too long");
            }
            if (eof) {
                throw truncated();
            }
            fill();
        }
    }

    /** Makes at least {@code n} bytes available; false if the body ends first. */
    private boolean ensure(int n) {
        while (lim - pos < n) {
            if (eof) {
                return false;
            }
            fill();
        }
        return true;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i + delimiter.length <= lim; i++) {
            for (int k = 0; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n;
        try {
            n = in.read(buf, lim, buf.length - lim);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw error("cannot read the request body: " + e.getMessage());
        } catch (io.helidon.common.buffers.DataReader.InsufficientDataAvailableException e) {
            throw truncated(); // the client stopped sending before the end of the body it announced
        }
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
        }
    }

    /** The content of the chosen part, up to (not including) the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                int available = at >= 0 ? at - pos : lim - pos - (delimiter.length - 1);
                if (available > 0) {
                    int n = Math.min(available, len);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (at >= 0) {
                    pos = at + delimiter.length;
                    done = true;
                    return -1;
                }
                if (eof) {
                    throw truncated();
                }
                fill();
            }
        }
    }

    private static BadRequestException truncated() {
        return error("the body ends inside a form part (truncated upload?)");
    }

    private static BadRequestException error(String detail) {
        return new BadRequestException("Multipart form error: " + detail);
    }
}
