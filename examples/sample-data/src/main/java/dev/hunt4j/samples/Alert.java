package dev.hunt4j.samples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One row of security_alerts.json, shaped like Microsoft Sentinel's SecurityAlert table. */
record Alert(long time, String name, String severity, String description,
    String compromisedEntity, String provider, String alertType, String entities, String tactics) {

  /** Name-based (v3) UUID of the alert's name and time: stable across runs. */
  String systemAlertId() {
    String key = "hunt4j-sample/" + SampleDataSet.VERSION + "/" + alertType + "/" + Fmt.iso(time);
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Builds the Entities column: a JSON array, in MSTICPy's entity shape, kept as a string. */
  static final class Entities {
    private final List<String> items = new ArrayList<>();
    private int nextId = 2; // Sentinel numbers entities from 2

    private String id() {
      return Integer.toString(nextId++);
    }

    Entities host(String hostName) {
      items.add(obj("$id", id(), "HostName", hostName, "DnsDomain", Topology.DNS_DOMAIN,
          "NTDomain", Topology.DOMAIN, "OSFamily", "Windows", "Type", "host"));
      return this;
    }

    Entities linuxHost(String hostName) {
      items.add(obj("$id", id(), "HostName", hostName, "OSFamily", "Linux", "Type", "host"));
      return this;
    }

    Entities account(Account a) {
      items.add(obj("$id", id(), "Name", a.name(), "NTDomain", a.domain(), "Sid", a.sid(),
          "Type", "account"));
      return this;
    }

    Entities ip(String address) {
      items.add(obj("$id", id(), "Address", address, "Type", "ip"));
      return this;
    }

    Entities dns(String domain) {
      items.add(obj("$id", id(), "DomainName", domain, "Type", "dns"));
      return this;
    }

    Entities url(String url) {
      items.add(obj("$id", id(), "Url", url, "Type", "url"));
      return this;
    }

    Entities process(WinProc p) {
      String parent = p.parent == null ? null : obj("$id", id(), "ProcessId", Fmt.hex(p.parent.pid),
          "CommandLine", p.parent.cmd, "ImageFile", raw(fileJson(p.parent.path, null, null)),
          "Type", "process");
      String self = obj("$id", id(), "ProcessId", Fmt.hex(p.pid), "CommandLine", p.cmd,
          "CreationTimeUtc", Fmt.iso(p.start),
          "ElevationToken", p.runAs.elevation().equals(Identity.LIMITED) ? "Limited" : "Default",
          "ImageFile", raw(fileJson(p.path, null, null)),
          "ParentProcess", parent == null ? null : raw(parent), "Type", "process");
      items.add(self);
      return this;
    }

    Entities file(String path, String sha256, String md5) {
      items.add(fileJson(path, sha256, md5));
      return this;
    }

    private String fileJson(String path, String sha256, String md5) {
      int cut = path.lastIndexOf('\\');
      String hashes = sha256 == null ? null : "[" + obj("$id", id(), "Algorithm", "SHA256",
          "Value", sha256, "Type", "filehash") + "," + obj("$id", id(), "Algorithm", "MD5",
          "Value", md5, "Type", "filehash") + "]";
      return obj("$id", id(), "Directory", path.substring(0, cut), "Name",
          path.substring(cut + 1), "FileHashes", hashes == null ? null : raw(hashes),
          "Type", "file");
    }

    /** Already-rendered JSON to embed as is. */
    private record Raw(String json) {}

    private static Raw raw(String json) {
      return new Raw(json);
    }

    /** A JSON object from key/value pairs; null values are left out. */
    private static String obj(Object... kv) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < kv.length; i += 2) {
        if (kv[i + 1] == null) {
          continue;
        }
        if (sb.length() > 1) {
          sb.append(',');
        }
        Fmt.jsonString(sb, (String) kv[i]);
        sb.append(':');
        if (kv[i + 1] instanceof Raw r) {
          sb.append(r.json());
        } else {
          Fmt.jsonString(sb, kv[i + 1].toString());
        }
      }
      return sb.append('}').toString();
    }

    String json() {
      return "[" + String.join(",", items) + "]";
    }
  }

  /** The whole file: a pretty-printed JSON array, alerts in time order. */
  static byte[] toJson(List<Alert> alerts) {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort(java.util.Comparator.comparingLong(Alert::time));
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < sorted.size(); i++) {
      Alert a = sorted.get(i);
      sb.append("  {\n");
      field(sb, "TimeGenerated", Fmt.iso(a.time), false);
      field(sb, "AlertName", a.name, false);
      field(sb, "AlertSeverity", a.severity, false);
      field(sb, "Description", a.description, false);
      field(sb, "CompromisedEntity", a.compromisedEntity, false);
      field(sb, "ProviderName", a.provider, false);
      field(sb, "AlertType", a.alertType, false);
      field(sb, "SystemAlertId", a.systemAlertId(), false);
      field(sb, "Entities", a.entities, false);
      field(sb, "Tactics", a.tactics, true);
      sb.append(i + 1 < sorted.size() ? "  },\n" : "  }\n");
    }
    sb.append("]\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder sb, String key, String value, boolean last) {
    sb.append("    ");
    Fmt.jsonString(sb, key);
    sb.append(": ");
    Fmt.jsonString(sb, value);
    sb.append(last ? "\n" : ",\n");
  }
}
