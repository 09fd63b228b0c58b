package io.quiver.benchmarks.recall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the TEXMEX "xvecs" layout (little-endian; each record is an int32 dimension followed by
 * that many components: float32 for {@code .fvecs}, int32 for {@code .ivecs}, uint8 for {@code .bvecs})
 * and for the jsonl files of qdrant/vector-db-benchmark (one JSON array per line).
 */
final class VectorFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VectorFiles() {
    }

    /** All records of an {@code .fvecs} file. */
    static float[][] readFvecs(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> rows = new ArrayList<>();
        while (buf.hasRemaining()) {
            int d = dimension(buf, file, 4);
            float[] row = new float[d];
            buf.asFloatBuffer().get(row);
            buf.position(buf.position() + 4 * d);
            rows.add(row);
        }
        return rows.toArray(float[][]::new);
    }

    /** All records of an {@code .ivecs} file. */
    static int[][] readIvecs(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> rows = new ArrayList<>();
        while (buf.hasRemaining()) {
            int d = dimension(buf, file, 4);
            int[] row = new int[d];
            buf.asIntBuffer().get(row);
            buf.position(buf.position() + 4 * d);
            rows.add(row);
        }
        return rows.toArray(int[][]::new);
    }

    /** All records of a {@code .bvecs} file; components are unsigned bytes, returned as floats 0..255. */
    static float[][] readBvecs(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> rows = new ArrayList<>();
        while (buf.hasRemaining()) {
            int d = dimension(buf, file, 1);
            float[] row = new float[d];
            for (int i = 0; i < d; i++) {
                row[i] = buf.get() & 0xFF;
            }
            rows.add(row);
        }
        return rows.toArray(float[][]::new);
    }

    private static int dimension(ByteBuffer buf, Path file, int componentBytes) {
        if (buf.remaining() < 4) {
            throw new IllegalArgumentException(file + ": truncated record header at byte " + buf.position());
        }
        int d = buf.getInt();
        if (d < 1 || (long) d * componentBytes > buf.remaining()) {
            throw new IllegalArgumentException(file + ": bad dimension " + d + " at byte " + (buf.position() - 4));
        }
        return d;
    }

    /** One float vector per line, each line a JSON array of numbers (vector-db-benchmark's vectors.jsonl). */
    static float[][] readJsonlVectors(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode array = JSON.readTree(line);
                float[] row = new float[array.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) array.get(i).asDouble();
                }
                rows.add(row);
            }
        }
        return rows.toArray(float[][]::new);
    }

    /** One id list per line, each a JSON array of integers (vector-db-benchmark's neighbours.jsonl). */
    static int[][] readJsonlIds(Path file) throws IOException {
        List<int[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode array = JSON.readTree(line);
                int[] row = new int[array.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = array.get(i).asInt();
                }
                rows.add(row);
            }
        }
        return rows.toArray(int[][]::new);
    }

    /** One integer per non-blank line (the digit labels of the MNIST set). */
    static int[] readLabels(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).mapToInt(l -> Integer.parseInt(l.trim())).toArray();
    }
}
