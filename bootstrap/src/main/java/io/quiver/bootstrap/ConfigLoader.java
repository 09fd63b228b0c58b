package io.quiver.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads configuration the way Qdrant does, so operators keep their habits: built-in defaults, then
 * {@code config/config.yaml} (or the file named by {@code --config-path}), then environment variables
 * such as {@code QDRANT__SERVICE__HTTP_PORT} ({@code __} separates the levels).
 */
public final class ConfigLoader {

    private static final String ENV_PREFIX = "QDRANT__";

    private ConfigLoader() {
    }

    public static QuiverConfig load(String[] args, Map<String, String> env) {
        Path file = configPath(args);
        Map<String, Object> tree = new LinkedHashMap<>();
        if (file != null && Files.isRegularFile(file)) {
            tree.putAll(readYaml(file));
        } else if (file != null && !file.equals(Path.of("config/config.yaml"))) {
            throw new IllegalArgumentException("configuration file " + file + " does not exist");
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                put(tree, name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).split("__"), value);
            }
        });
        return new QuiverConfig(
                string(tree, "service.host", QuiverConfig.DEFAULT_HOST),
                integer(tree, "service.http_port", QuiverConfig.DEFAULT_PORT),
                Path.of(string(tree, "storage.storage_path", QuiverConfig.DEFAULT_STORAGE)),
                integer(tree, "service.max_request_size_mb", QuiverConfig.DEFAULT_MAX_REQUEST_SIZE_MB),
                emptyToNull(string(tree, "service.api_key", null)),
                emptyToNull(string(tree, "service.read_only_api_key", null)),
                string(tree, "log_level", "INFO"),
                bool(tree, "service.enable_cors", true),
                bool(tree, "service.enable_tls", false),
                Path.of(string(tree, "tls.cert", QuiverConfig.DEFAULT_TLS_CERT)),
                Path.of(string(tree, "tls.key", QuiverConfig.DEFAULT_TLS_KEY)),
                Path.of(string(tree, "storage.snapshots_path", QuiverConfig.DEFAULT_SNAPSHOTS)),
                QuiverConfig.VectorIndexKind.parse(string(tree, "storage.vector_index",
                        QuiverConfig.VectorIndexKind.DEFAULT.label())));
    }

    private static Path configPath(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config-path") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config-path=")) {
                return Path.of(args[i].substring("--config-path=".length()));
            }
        }
        return Path.of("config/config.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) {
        try {
            Object parsed = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
            return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] path, String value) {
        Map<String, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.get(path[i]);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                node.put(path[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path[path.length - 1], value);
    }

    private static Object lookup(Map<String, Object> tree, String dotted) {
        Object node = tree;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(part);
        }
        return node;
    }

    private static String string(Map<String, Object> tree, String key, String fallback) {
        Object v = lookup(tree, key);
        return v == null ? fallback : v.toString();
    }

    private static int integer(Map<String, Object> tree, String key, int fallback) {
        Object v = lookup(tree, key);
        if (v == null) {
            return fallback;
        }
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got \"" + v + "\"");
        }
    }

    /** YAML booleans, or the text {@code true}/{@code false} an environment variable carries. */
    private static boolean bool(Map<String, Object> tree, String key, boolean fallback) {
        Object v = lookup(tree, key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got \"" + v + "\"");
        };
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
