package dev.hunt4j.samples;

/** One boot of a Windows host and the long-running processes later activity hangs off. */
final class Boot {
  final long start;
  final long end;
  WinProc system;
  WinProc smss;
  WinProc wininit;
  WinProc services;
  WinProc lsass;
  WinProc winlogon;
  WinProc logonUi;
  WinProc dcom;
  WinProc schedule;
  WinProc userManager;
  WinProc termService;
  WinProc tabletInput;
  WinProc searchIndexer;
  WinProc defender;
  WinProc monitoring;
  WinProc backupAgent;
  /** Next terminal-services session number (console is 1). */
  int nextSession = 2;

  Boot(long start, long end) {
    this.start = start;
    this.end = end;
  }
}
