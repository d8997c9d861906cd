package dev.hunt4j.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * DNS queries and network flows. Every connection to a name is preceded by a DNS query from the
 * same client unless that client asked within the TTL, so DNS and flows always agree.
 */
final class Net {
  static final long TTL = 300 * T.SEC;
  /** The DNS server that logs every query. */
  static final String DNS_SERVER = Topology.DC.name();

  private final Output out;
  /** client|name to the times it queried; lookup only, never iterated (order-free). */
  private final Map<String, TreeSet<Long>> asked = new HashMap<>();

  Net(Output out) {
    this.out = out;
  }

  /** Logs one query as the DNS server saw it; returns the answer (null for NXDOMAIN). */
  String[] query(long t, String clientIp, String name, String type) {
    String[] ips = Topology.resolve(name);
    String answer = ips == null || type.equals("AAAA") ? "" : String.join(",", ips);
    out.dns.add(t, DNS_SERVER, clientIp, name, type, answer, ips == null ? 3 : 0);
    return ips;
  }

  /** Queries {@code name} shortly before t unless the client's cache still holds it. */
  void resolve(long t, String clientIp, String name, Rng r) {
    TreeSet<Long> times = asked.computeIfAbsent(clientIp + "|" + name, k -> new TreeSet<>());
    Long last = times.floor(t);
    if (last != null && t - last < TTL) {
      return;
    }
    long qt = t - r.between(2, 45);
    times.add(qt);
    query(qt, clientIp, name, "A");
  }

  /** An outbound TCP connection from a host to a name: DNS (if needed) then the flow. */
  void connect(long t, String computer, String srcIp, String name, int port, long sent, long recv,
      String process, Rng r, boolean linux) {
    String[] ips = Topology.resolve(name);
    if (ips == null) {
      throw new IllegalArgumentException("no address for " + name);
    }
    resolve(t, srcIp, name, r);
    flow(t, computer, srcIp, ephemeral(r, linux), r.pickOf(ips), port, "T", "O", sent, recv,
        process);
  }

  /** A flow record; BytesSent is source to destination, BytesReceived the reverse. */
  void flow(long t, String computer, String src, int srcPort, String dst, int dstPort,
      String proto, String direction, long sent, long recv, String process) {
    out.flows.add(t, computer, src, srcPort, dst, dstPort, proto, direction, sent, recv, process);
  }

  static int ephemeral(Rng r, boolean linux) {
    return linux ? r.between(32768, 60999) : r.between(49152, 65535);
  }
}
