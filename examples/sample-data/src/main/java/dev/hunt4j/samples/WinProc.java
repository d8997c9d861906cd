package dev.hunt4j.samples;

/** A Windows process: one 4688 event plus the lifetime that keeps its pid from being reused. */
final class WinProc {
  final WinHost host;
  final Boot boot;
  final WinProc parent;
  final int pid;
  final String path;
  final String cmd;
  final Identity runAs;
  final long start;
  /** [start, end) shared with the host's pid table, so {@link WinHost#terminate} updates both. */
  final long[] span;

  WinProc(WinHost host, Boot boot, WinProc parent, int pid, String path, String cmd,
      Identity runAs, long start, long[] span) {
    this.host = host;
    this.boot = boot;
    this.parent = parent;
    this.pid = pid;
    this.path = path;
    this.cmd = cmd;
    this.runAs = runAs;
    this.start = start;
    this.span = span;
  }

  long end() {
    return span[1];
  }

  /** Whether a child may be created at t (strictly after the start, before the exit). */
  boolean aliveAt(long t) {
    return t > start && t < span[1];
  }

  /** File name of the image, e.g. {@code cmd.exe}. */
  String image() {
    return path.substring(path.lastIndexOf('\\') + 1);
  }
}
