package dev.hunt4j.samples;

import java.util.List;

/**
 * SplitMix64 pseudo-random numbers. An own generator rather than {@code java.util.Random} so the
 * stream is fixed by this file alone, and named sub-streams ({@link #derive}) keep a change in one
 * host's noise from shifting every other host's events. Floating point goes through
 * {@link StrictMath} so results are bit-identical on every JVM and CPU.
 */
final class Rng {
  private final long seed;
  private long state;

  Rng(long seed) {
    this.seed = seed;
    this.state = seed;
  }

  /** An independent stream for a named part of the data set, unaffected by draws on this one. */
  Rng derive(String label) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the label's chars
    for (int i = 0; i < label.length(); i++) {
      h ^= label.charAt(i);
      h *= 0x100000001b3L;
    }
    return new Rng(mix(seed ^ h));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += 0x9e3779b97f4a7c15L;
    return mix(state);
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound " + bound);
    }
    return (int) ((nextLong() >>> 1) % bound);
  }

  /** Uniform in [lo, hi], both inclusive. */
  int between(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  /** Uniform in [lo, hi], both inclusive. */
  long between(long lo, long hi) {
    return lo + (nextLong() >>> 1) % (hi - lo + 1);
  }

  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Gap in ms to the next event of a Poisson process with the given rate per hour. */
  long gapMs(double perHour) {
    double u = 1.0 - nextDouble(); // (0, 1]
    return 1 + (long) (-StrictMath.log(u) * 3_600_000d / perHour);
  }

  /** Log-normally spread positive value (byte counts): median times e^(sigma * N(0,1)). */
  long logNormal(double median, double sigma) {
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    double z = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    return Math.max(1, (long) (median * StrictMath.exp(sigma * z)));
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  @SafeVarargs
  final <T> T pickOf(T... items) {
    return items[nextInt(items.length)];
  }

  /** Random lowercase hex digits. */
  String hex(int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(nextInt(16), 16));
    }
    return sb.toString();
  }

  /** Random uppercase GUID without braces. */
  String guid() {
    String h = hex(32).toUpperCase(java.util.Locale.ROOT);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
        + h.substring(16, 20) + "-" + h.substring(20);
  }
}
