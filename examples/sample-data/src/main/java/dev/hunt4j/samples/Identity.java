package dev.hunt4j.samples;

/** A token: who a process runs as, in which logon session, and its UAC elevation type. */
record Identity(Account account, long logonId, String elevation) {
  /** TokenElevationTypeDefault: no split token (services, SYSTEM, network logons of admins). */
  static final String FULL = "%%1936";
  /** TokenElevationTypeFull: an elevated admin process. */
  static final String ELEVATED = "%%1937";
  /** TokenElevationTypeLimited: a standard user's or unelevated admin's process. */
  static final String LIMITED = "%%1938";
}
