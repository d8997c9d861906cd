package dev.hunt4j.samples;

/** A Windows security principal as the event log prints it. */
record Account(String domain, String name, String sid) {
  static final Account LOCAL_SERVICE = new Account("NT AUTHORITY", "LOCAL SERVICE", "S-1-5-19");
  static final Account NETWORK_SERVICE = new Account("NT AUTHORITY", "NETWORK SERVICE", "S-1-5-20");
  static final Account SYSTEM = new Account("NT AUTHORITY", "SYSTEM", "S-1-5-18");

  /** DOMAIN\name, the "Account" column. */
  String qualified() {
    return domain + "\\" + name;
  }
}
