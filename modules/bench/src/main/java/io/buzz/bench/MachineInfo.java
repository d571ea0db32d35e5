package io.buzz.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the numbers were measured on. */
record MachineInfo(
    String os,
    String arch,
    int cores,
    Optional<String> cpuModel,
    Optional<Long> memoryBytes,
    long jvmMaxHeapBytes,
    String java,
    String jvm,
    double loadAverageAtStart) {

  static MachineInfo current() {
    Runtime runtime = Runtime.getRuntime();
    return new MachineInfo(
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        runtime.availableProcessors(),
        procLine(Path.of("/proc/cpuinfo"), "model name").map(v -> v.replaceAll("\\s+", " ")),
        procLine(Path.of("/proc/meminfo"), "MemTotal")
            .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024),
        runtime.maxMemory(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        loadAverage());
  }

  /** The 1-minute load average, or -1 where the OS does not tell. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Optional<String> procLine(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
          return Optional.of(line.substring(colon + 1).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: the field is simply absent
    }
    return Optional.empty();
  }
}
