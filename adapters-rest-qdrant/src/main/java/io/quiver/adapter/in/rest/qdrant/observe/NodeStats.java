package io.quiver.adapter.in.rest.qdrant.observe;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the JVM and the operating system say about this process: memory, garbage collection, threads,
 * CPU and the machine it runs on. Read fresh on every call; nothing here is cached except the facts that
 * cannot change while the process runs (distribution, CPU flags, container detection).
 */
final class NodeStats {

    /** CPU features Qdrant reports in {@code cpu_flags} (those its distance kernels care about). */
    private static final List<String> REPORTED_CPU_FLAGS = List.of("sse", "sse2", "sse3", "ssse3", "sse4_1", "sse4_2",
            "avx", "avx2", "fma", "f16c", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512_fp16",
            "asimd", "neon", "sve");

    private static final Map<String, String> OS_RELEASE = readOsRelease();
    private static final String CPU_FLAGS = readCpuFlags();
    private static final boolean IN_CONTAINER = Files.exists(Path.of("/.dockerenv"))
            || Files.exists(Path.of("/run/.containerenv"));

    private NodeStats() {
    }

    /** Heap and non-heap usage, as the JVM's memory MXBean reports them. */
    record Memory(MemoryUsage heap, MemoryUsage nonHeap, long residentBytes) {

        long used() {
            return heap.getUsed() + nonHeap.getUsed();
        }

        long committed() {
            return heap.getCommitted() + nonHeap.getCommitted();
        }
    }

    static Memory memory() {
        var bean = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = bean.getHeapMemoryUsage();
        MemoryUsage nonHeap = bean.getNonHeapMemoryUsage();
        long rss = residentSetBytes().orElse(heap.getCommitted() + nonHeap.getCommitted());
        return new Memory(heap, nonHeap, rss);
    }

    /** One garbage collector: how often it ran and for how long in total. */
    record Gc(String name, long count, double seconds) {
    }

    static List<Gc> gcs() {
        List<Gc> out = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.add(new Gc(gc.getName(), Math.max(0, gc.getCollectionCount()),
                    Math.max(0, gc.getCollectionTime()) / 1000.0));
        }
        return out;
    }

    record Threads(int current, int daemon, int peak) {
    }

    static Threads threads() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        return new Threads(t.getThreadCount(), t.getDaemonThreadCount(), t.getPeakThreadCount());
    }

    /** CPU time used by this process, in seconds, when the platform tells. */
    static Optional<Double> processCpuSeconds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            return Optional.of(sun.getProcessCpuTime() / 1e9);
        }
        return Optional.empty();
    }

    /** Memory available to this process in bytes (the container limit inside a container). */
    static Optional<Long> totalMemoryBytes() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getTotalMemorySize() > 0) {
            return Optional.of(sun.getTotalMemorySize());
        }
        return Optional.empty();
    }

    static long startTimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Size of the file system holding {@code path}, in bytes. */
    static Optional<Long> diskBytes(Path path) {
        if (path == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getFileStore(path).getTotalSpace());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> distribution() {
        return Optional.ofNullable(OS_RELEASE.get("ID"));
    }

    static Optional<String> distributionVersion() {
        return Optional.ofNullable(OS_RELEASE.get("VERSION_ID"));
    }

    static boolean inContainer() {
        return IN_CONTAINER;
    }

    static String cpuFlags() {
        return CPU_FLAGS;
    }

    static String cpuEndian() {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big";
    }

    /** {@code VmRSS} from {@code /proc/self/status} (Linux only). */
    private static Optional<Long> residentSetBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .findFirst()
                    .map(l -> l.substring("VmRSS:".length()).trim().split("\\s+")[0])
                    .map(kb -> Long.parseLong(kb) * 1024);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> readOsRelease() {
        Map<String, String> values = new LinkedHashMap<>();
        Path file = Path.of("/etc/os-release");
        if (!Files.isReadable(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            values.clear();
        }
        return values;
    }

    private static String readCpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            Set<String> present = lines
                    .filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT).split("\\s+"))
                    .map(a -> (Set<String>) new TreeSet<>(List.of(a)))
                    .orElse(Set.of());
            // Linux says sse4_1/pni; report in Qdrant's order, Qdrant's names
            return String.join(",", REPORTED_CPU_FLAGS.stream()
                    .filter(f -> present.contains(f) || (f.equals("sse3") && present.contains("pni")))
                    .toList());
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
