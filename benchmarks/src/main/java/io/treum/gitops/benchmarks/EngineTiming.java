package io.treum.gitops.benchmarks;

import java.time.Duration;

/**
 * Timed evaluations of every environment of a platform by the in-process engine, the environments
 * in parallel (one thread each), on documents built beforehand.
 *
 * @param objects the objects evaluated in one round, all environments together
 * @param wall wall-clock time of each round
 * @param cpu CPU time of this process during each round (evaluating threads, GC and JIT)
 * @param evaluationCpu CPU time of the evaluating threads in each round, added up
 * @param twoCores each round's time on two otherwise idle cores, from the threads' CPU times: the
 *     longer of the longest thread and half of all threads together (what time-slicing the threads
 *     on two cores takes), which other work on the machine does not inflate as it does wall-clock
 *     time
 * @param firstRoundTwoCores the time on two cores of the first round, before any warm-up: in the
 *     benchmark's first size, what a fresh JVM (a one-shot {@code treum:validate}) gets while the
 *     JIT has compiled nothing of the policy yet
 */
public record EngineTiming(
    int objects,
    Samples wall,
    Samples cpu,
    Samples evaluationCpu,
    Samples twoCores,
    Duration firstRoundTwoCores) {

  /** The time on two cores from the evaluating threads' CPU times: see {@link #twoCores}. */
  static Duration onTwoCores(Iterable<Duration> threadCpu) {
    Duration longest = Duration.ZERO;
    Duration total = Duration.ZERO;
    for (Duration cpu : threadCpu) {
      longest = cpu.compareTo(longest) > 0 ? cpu : longest;
      total = total.plus(cpu);
    }
    Duration half = total.dividedBy(2);
    return longest.compareTo(half) > 0 ? longest : half;
  }

  /** Objects evaluated per CPU-second of the evaluating threads: the rate of one core. */
  double perCoreRate() {
    return rate(evaluationCpu.median());
  }

  /** Objects evaluated per second on two cores, from the threads' CPU times. */
  double twoCoreRate() {
    return rate(twoCores.median());
  }

  /** Objects evaluated per second on two cores in the first round, before any warm-up. */
  double firstRoundRate() {
    return rate(firstRoundTwoCores);
  }

  /** Objects evaluated per second of wall-clock time on this machine, as loaded as it was. */
  double wallRate() {
    return rate(wall.median());
  }

  private double rate(Duration time) {
    return objects / (time.toNanos() / 1e9);
  }
}
