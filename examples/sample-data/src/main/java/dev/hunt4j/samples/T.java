package dev.hunt4j.samples;


/** Time constants of the data set, in epoch milliseconds UTC. */
final class T {
  static final long SEC = 1000L;
  static final long MIN = 60 * SEC;
  static final long HOUR = 60 * MIN;
  static final long DAY = 24 * HOUR;
  /** First instant of the window (inclusive). */
  static final long START = SampleDataSet.START.toEpochMilli();
  /** End of the window (exclusive). */
  static final long END = START + SampleDataSet.DAYS * DAY;
  /** "Until shutdown" for hosts that stay up past the window. */
  static final long FAR = END + 7 * DAY;

  private T() {}

  /** Instant on day {@code day} (0-based) of the window at the given UTC wall time. */
  static long at(int day, int hour, int minute, int second, int milli) {
    return START + day * DAY + hour * HOUR + minute * MIN + second * SEC + milli;
  }

  static long at(int day, int hour, int minute) {
    return at(day, hour, minute, 0, 0);
  }

  /** 0-based day of the window that contains t. */
  static int dayOf(long t) {
    return (int) Math.floorDiv(t - START, DAY);
  }

  /** Milliseconds since that day's midnight UTC. */
  static long timeOfDay(long t) {
    return Math.floorMod(t - START, DAY);
  }

  /** Whether t falls in office hours (08:00 to 18:00 UTC; the window has only weekdays). */
  static boolean workHours(long t) {
    long tod = timeOfDay(t);
    return tod >= 8 * HOUR && tod < 18 * HOUR;
  }
}
