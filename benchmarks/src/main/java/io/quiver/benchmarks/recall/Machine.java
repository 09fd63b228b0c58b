package io.quiver.benchmarks.recall;

import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a result file must say about where and with what it was measured. Public so that the load tools
 * ({@code io.quiver.benchmarks.load}) record the same facts as the recall benchmark.
 */
public final class Machine {

    private Machine() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", firstLine(exec("nproc"), String.valueOf(Runtime.getRuntime().availableProcessors())));
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", procField("/proc/cpuinfo", "model name"));
        m.put("lscpu", lscpu());
        m.put("memTotal", procField("/proc/meminfo", "MemTotal"));
        m.put("loadAverageAtStart", loadAverage());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        m.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("vectorMath", VectorMathProvider.describe());
        return m;
    }

    /** The commit of the working tree the tool runs in, and how many files differ from it. */
    public static Map<String, Object> source() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gitCommit", firstLine(exec("git", "rev-parse", "HEAD"), "unknown"));
        String status = exec("git", "status", "--porcelain");
        m.put("uncommittedFiles", status == null ? "unknown" : status.lines().filter(l -> !l.isBlank()).count());
        m.put("classpathBuiltAt", builtAt());
        m.put("workingDirectory", Path.of("").toAbsolutePath().toString());
        return m;
    }

    /** The command of this JVM as it can be pasted into a shell from the working directory. */
    public static String command(Class<?> main, String[] args) {
        List<String> parts = new ArrayList<>();
        parts.add("java");
        parts.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        parts.add("-cp");
        parts.add(System.getProperty("java.class.path"));
        parts.add(main.getName());
        parts.addAll(Arrays.asList(args));
        return parts.stream().map(Machine::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=,@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** One line for a Markdown table: cores, CPU model, RAM, OS and JVM. */
    public static String oneLine(Map<String, Object> machine) {
        return "nproc " + machine.get("nproc") + ", " + machine.get("cpuModel") + ", " + machine.get("memTotal")
                + " RAM, " + machine.get("os") + ", " + machine.get("jvm") + " " + machine.get("jvmArguments");
    }

    /** Model, sockets/cores/threads and caches as lscpu reports them. */
    private static String lscpu() {
        String out = exec("lscpu");
        if (out == null) {
            return "unavailable";
        }
        List<String> wanted = List.of("Model name", "Socket(s)", "Core(s) per socket", "Thread(s) per core",
                "Hypervisor vendor", "L2 cache", "L3 cache");
        StringBuilder sb = new StringBuilder();
        for (String line : out.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon > 0 && wanted.contains(line.substring(0, colon).trim())) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(line.substring(0, colon).trim()).append(' ').append(line.substring(colon + 1).trim());
            }
        }
        return sb.toString();
    }

    /** Last-modified time of the jar (or folder) this class was loaded from: when the measured code was built. */
    private static String builtAt() {
        try {
            Path location = Path.of(Machine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.getLastModifiedTime(location).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (Exception e) {
            return "unknown";
        }
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String procField(String file, String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    private static String exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String firstLine(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.lines().findFirst().orElse(fallback).trim();
    }
}
