package io.buzz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX) // /proc
class ProcStatTest {
  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void thisJvmsCompilerThreadsHaveRunAndTheirTimeOnlyGrows() {
    ProcStat.CompilerTime jit = new ProcStat.CompilerTime();
    long first = jit.millis(Stream.of(SELF));
    // A JVM that has loaded JUnit and AssertJ has compiled for more than one tick.
    assertThat(first).isPositive();
    assertThat(jit.millis(Stream.of(SELF))).isGreaterThanOrEqualTo(first);
  }

  @Test
  void aProcessThatIsGoneCountsNothing() {
    ProcStat.CompilerTime jit = new ProcStat.CompilerTime();
    assertThat(jit.millis(Stream.of(Long.MAX_VALUE))).isZero();
    assertThat(ProcStat.kernelNanos(Long.MAX_VALUE)).isEqualTo(-1);
    long kernel = ProcStat.kernelNanos(SELF);
    long total = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    assertThat(kernel).isNotNegative().isLessThanOrEqualTo(total + 10_000_000L);
  }
}
