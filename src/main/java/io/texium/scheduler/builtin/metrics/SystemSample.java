package io.texium.scheduler.builtin.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process's and the machine's numbers at one moment, read from the platform MXBeans (the CPU loads from
 * {@code com.sun.management.OperatingSystemMXBean}, which HotSpot and OpenJ9 both provide; -1 where the platform
 * has no value).
 */
final class SystemSample {

    private SystemSample() {
    }

    /** Memory, threads, CPU, load, uptime, and the free space of the file system that holds {@code dataDir}. */
    static Map<String, Object> take(Path dataDir) {
        Map<String, Object> sample = new LinkedHashMap<>();
        var memory = ManagementFactory.getMemoryMXBean();
        var heap = memory.getHeapMemoryUsage();
        var nonHeap = memory.getNonHeapMemoryUsage();
        sample.put("heap_used_bytes", heap.getUsed());
        sample.put("heap_committed_bytes", heap.getCommitted());
        sample.put("heap_max_bytes", heap.getMax());
        sample.put("non_heap_used_bytes", nonHeap.getUsed());
        sample.put("non_heap_committed_bytes", nonHeap.getCommitted());
        var threads = ManagementFactory.getThreadMXBean();
        sample.put("threads", threads.getThreadCount());
        sample.put("threads_peak", threads.getPeakThreadCount());
        sample.put("threads_daemon", threads.getDaemonThreadCount());
        var os = ManagementFactory.getOperatingSystemMXBean();
        double processCpu = -1;
        double systemCpu = -1;
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            processCpu = hotspot.getProcessCpuLoad();
            systemCpu = hotspot.getCpuLoad();
        }
        sample.put("process_cpu_load", processCpu);
        sample.put("system_cpu_load", systemCpu);
        sample.put("system_load_average", os.getSystemLoadAverage());
        sample.put("available_processors", os.getAvailableProcessors());
        sample.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        Path dir = dataDir.toAbsolutePath().normalize();
        sample.put("data_dir", dir.toString());
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            var store = Files.getFileStore(existing == null ? dir.getRoot() : existing);
            sample.put("disk_free_bytes", store.getUsableSpace());
            sample.put("disk_total_bytes", store.getTotalSpace());
        } catch (IOException | RuntimeException e) {
            sample.put("disk_free_bytes", -1L);
            sample.put("disk_total_bytes", -1L);
        }
        return sample;
    }
}
