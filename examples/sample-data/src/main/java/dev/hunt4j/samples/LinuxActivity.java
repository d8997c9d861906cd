package dev.hunt4j.samples;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The two Linux servers: cron, systemd timers, SSH brute force against the internet-facing web
 * server, admins' SSH sessions (replayed from the workstations that opened them) with sudo, and
 * the web server's traffic. Syslog and auditd execve records agree on pids and users.
 */
final class LinuxActivity {
  private static final long AUID_UNSET = 4294967295L;

  private final Output out;
  private final Net net;
  private final Rng seed;
  private final LHost web;
  private final LHost db;

  LinuxActivity(Output out, Net net, Rng seed) {
    this.out = out;
    this.net = net;
    this.seed = seed;
    this.web = new LHost(Topology.WEB, seed.derive("lnx/web"));
    this.db = new LHost(Topology.DB, seed.derive("lnx/db"));
  }

  /** A Linux host's log writers and its pid counter (pids grow with time, as on Linux). */
  private final class LHost {
    final String name;
    final String ip;
    final Rng r;
    /** Lookup only, never iterated. */
    final Set<Integer> used = new HashSet<>();
    final int sshd;
    final int cron;
    int session;

    LHost(Topology.Host info, Rng r) {
      this.name = info.name();
      this.ip = info.ip();
      this.r = r;
      this.sshd = r.between(700, 900);
      this.cron = r.between(500, 680);
      this.session = r.between(30, 90);
    }

    int pid(long t) {
      int p = 180_000 + (int) ((t - T.START) / 700);
      while (!used.add(p)) {
        p++;
      }
      return p;
    }

    void log(long t, String facility, String severity, String process, int pid, String msg) {
      out.syslog.add(t, name, facility, severity, process, pid, ip, msg);
    }

    void exec(long t, int pid, int ppid, int uid, long auid, String user, String exe,
        String cmdline, String cwd, String tty) {
      out.auditd.add(t, name, "SYSCALL_EXECVE", pid, ppid, uid, auid, user, exe, cmdline, cwd,
          tty);
    }
  }

  void run() {
    for (LHost h : List.of(web, db)) {
      cron(h);
      timers(h);
    }
    webTraffic();
    bruteForce();
    for (Output.SshSession s : out.ssh) {
      sshSession(s.toHost().equals(web.name) ? web : db, s);
    }
  }

  private void cron(LHost h) {
    Rng r = h.r;
    if (h == web) {
      for (long t = T.START; t < T.END; t += 10 * T.MIN) {
        cronJob(h, t + r.between(0, 900), "www-data", 33, "/var/www",
            "/usr/bin/php /srv/app/bin/console app:queue:work --once >/dev/null 2>&1",
            new String[][] {{"/usr/bin/php8.2", "/usr/bin/php /srv/app/bin/console "
                + "app:queue:work --once"}});
      }
    } else {
      for (long t = T.START; t < T.END; t += 15 * T.MIN) {
        cronJob(h, t + r.between(0, 900), "root", 0, "/root",
            "/usr/local/bin/pg-healthcheck.sh >/dev/null 2>&1",
            new String[][] {{"/usr/bin/bash", "/bin/bash /usr/local/bin/pg-healthcheck.sh"},
                {"/usr/lib/postgresql/15/bin/psql", "psql -h 127.0.0.1 -U monitor -d appdb -tAc "
                    + "select 1"}});
      }
    }
    for (long t = T.START + 17 * T.MIN; t < T.END; t += T.HOUR) {
      cronJob(h, t + r.between(0, 800), "root", 0, "/root", "cd / && run-parts --report "
          + "/etc/cron.hourly", new String[][] {{"/usr/bin/run-parts",
          "run-parts --report /etc/cron.hourly"}});
    }
    for (int day = 0; day < SampleDataSet.DAYS; day++) {
      cronJob(h, T.at(day, 6, 25) + r.between(0, 800), "root", 0, "/root",
          "test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }",
          new String[][] {{"/usr/bin/run-parts", "run-parts --report /etc/cron.daily"},
              {"/usr/bin/dpkg", "dpkg --audit"}, {"/usr/bin/man", "/usr/bin/mandb --quiet"}});
      if (h == db) {
        long t = T.at(day, 2, 30) + r.between(0, 800);
        cronJob(h, t, "postgres", 106, "/var/lib/postgresql",
            "pg_dump -Fc -f /var/backups/pg/appdb-$(date +\\%Y\\%m\\%d).dump appdb",
            new String[][] {{"/usr/bin/date", "date +%Y%m%d"},
                {"/usr/lib/postgresql/15/bin/pg_dump", "/usr/lib/postgresql/15/bin/pg_dump -Fc -f "
                    + "/var/backups/pg/appdb-" + Fmt.ymd(t) + ".dump appdb"}});
      }
    }
  }

  private void cronJob(LHost h, long t, String user, int uid, String home, String command,
      String[][] execs) {
    Rng r = h.r;
    int child = h.pid(t); // cron forks without exec: this pid has no execve record
    h.log(t, "authpriv", "info", "CRON", child, "pam_unix(cron:session): session opened for user "
        + user + "(uid=" + uid + ") by (uid=0)");
    h.log(t + 1, "cron", "info", "CRON", child, "(" + user + ") CMD (" + command + ")");
    int sh = h.pid(t + 3);
    h.exec(t + 3, sh, child, uid, uid, user, "/usr/bin/dash", "/bin/sh -c " + command, home,
        "(none)");
    long x = t + 5;
    for (String[] e : execs) {
      h.exec(x, h.pid(x), sh, uid, uid, user, e[0], e[1], home, "(none)");
      x += r.between(5, 400);
    }
    h.log(x + r.between(200, 9000), "authpriv", "info", "CRON", child,
        "pam_unix(cron:session): session closed for user " + user);
  }

  private void timers(LHost h) {
    Rng r = h.r;
    for (int day = 0; day < SampleDataSet.DAYS; day++) {
      unit(h, T.at(day, 0, 0) + r.between(0, 900), "logrotate.service - Rotate log files",
          new String[][] {{"/usr/sbin/logrotate", "/usr/sbin/logrotate /etc/logrotate.conf"}},
          null);
      unit(h, T.at(day, 6, 0) + r.between(0, 60 * T.MIN), "apt-daily.service - Daily apt download "
          + "activities", new String[][] {{"/usr/bin/dash", "/bin/sh /usr/lib/apt/apt.systemd.daily "
          + "update"}, {"/usr/bin/apt-get", "apt-get -qq -y update"}}, "apt.example.net");
      unit(h, T.at(day, 18, 0) + r.between(0, 60 * T.MIN), "apt-daily.service - Daily apt download"
          + " activities", new String[][] {{"/usr/bin/dash", "/bin/sh /usr/lib/apt/apt.systemd.daily "
          + "update"}, {"/usr/bin/apt-get", "apt-get -qq -y update"}}, "security.apt.example.net");
      unit(h, T.at(day, 14, 5) + r.between(0, 20 * T.MIN), "systemd-tmpfiles-clean.service - "
          + "Cleanup of Temporary Directories", new String[][] {{"/usr/bin/systemd-tmpfiles",
          "systemd-tmpfiles --clean"}}, null);
    }
    for (long t = T.START + r.between(0, 30 * T.MIN); t < T.END; t += 34 * T.MIN) {
      net.resolve(t, h.ip, "0.debian.pool.ntp.org", r);
      net.flow(t + 30, h.name, h.ip, 123, Topology.resolve("0.debian.pool.ntp.org")[0], 123, "U",
          "O", 76, 76, null); // the agent does not attribute UDP flows to a process
    }
  }

  private void unit(LHost h, long t, String unit, String[][] execs, String mirror) {
    Rng r = h.r;
    String name = unit.substring(0, unit.indexOf(' '));
    String description = unit.substring(unit.indexOf(" - ") + 3);
    h.log(t, "daemon", "info", "systemd", 1, "Starting " + unit + "...");
    long x = t + r.between(5, 60);
    int first = 0;
    for (String[] e : execs) {
      int p = h.pid(x);
      h.exec(x, p, first == 0 ? 1 : first, 0, AUID_UNSET, "root", e[0], e[1], "/", "(none)");
      first = first == 0 ? p : first;
      x += r.between(50, 800);
    }
    if (mirror != null) {
      net.connect(x, h.name, h.ip, mirror, 80, r.logNormal(9000, .4), r.logNormal(600_000, 1.2),
          "http", r, true);
      x += r.between(2000, 30_000);
    }
    h.log(x, "daemon", "info", "systemd", 1, name + ": Deactivated successfully.");
    h.log(x + 1, "daemon", "info", "systemd", 1, "Finished " + name + " - " + description + ".");
  }

  /** Visitors of the public web site and the web tier's database connections. */
  private void webTraffic() {
    Rng r = seed.derive("lnx/web-traffic");
    WindowsActivity.every(r, T.START, T.END, 26, t -> {
      long hour = T.timeOfDay(t) / T.HOUR;
      if (hour < 6 && r.chance(0.65)) {
        return; // quieter at night
      }
      String client = r.pick(Topology.CLIENT_NETS) + "." + r.between(1, 254) + "."
          + r.between(1, 254);
      net.flow(t, web.name, client, r.between(1024, 65535), web.ip, 443, "T", "I",
          r.logNormal(1800, .6), r.logNormal(80_000, 1.2), "nginx");
    });
    WindowsActivity.every(r, T.START, T.END, 6, t -> net.flow(t, web.name, web.ip,
        Net.ephemeral(r, true), db.ip, 5432, "T", "O", r.logNormal(200_000, 1),
        r.logNormal(2_000_000, 1), "php-fpm8.2"));
  }

  private void bruteForce() {
    Rng r = seed.derive("lnx/brute");
    String[] invalid = {"admin", "ubuntu", "test", "oracle", "user", "git", "pi", "ftpuser",
        "guest", "support", "postgres"};
    String[] valid = {"root", "root", "root", "deploy"};
    long[] biggest = {0, 0};
    String[] biggestIp = {null};
    WindowsActivity.every(r, T.START, T.END, 0.9, t0 -> {
      String ip = r.pick(Topology.SCANNER_NETS) + "." + r.between(1, 254) + "." + r.between(1, 254);
      int attempts = (int) Math.min(40, 2 + r.logNormal(6, .8));
      long t = t0;
      int done = 0;
      while (done < attempts) {
        int port = r.between(20000, 65000);
        int pid = web.pid(t);
        web.exec(t, pid, web.sshd, 0, AUID_UNSET, "root", "/usr/sbin/sshd", "/usr/sbin/sshd -D -R",
            "/", "(none)");
        net.flow(t, web.name, ip, port, web.ip, 22, "T", "I", r.between(1800, 4200),
            r.between(1900, 3600), "sshd");
        String user = r.chance(0.6) ? r.pickOf(invalid) : r.pickOf(valid);
        boolean exists = !List.of(invalid).contains(user);
        long x = t + r.between(300, 900);
        if (!exists) {
          web.log(x, "auth", "info", "sshd", pid, "Invalid user " + user + " from " + ip + " port "
              + port);
        }
        int tries = Math.min(attempts - done, r.between(1, 3));
        for (int i = 0; i < tries; i++) {
          x += r.between(1500, 4000);
          if (exists && i == 0) {
            web.log(x - 10, "authpriv", "notice", "sshd", pid, "pam_unix(sshd:auth): authentication"
                + " failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + ip + "  user=" + user);
          }
          web.log(x, "auth", "info", "sshd", pid, "Failed password for " + (exists ? "" : "invalid "
              + "user ") + user + " from " + ip + " port " + port + " ssh2");
        }
        done += tries;
        web.log(x + r.between(100, 900), "auth", "info", "sshd", pid, (exists
            ? "Disconnected from authenticating user " : "Connection closed by invalid user ")
            + user + " " + ip + " port " + port + " [preauth]");
        t = x + r.between(500, 6000);
      }
      if (attempts > biggest[0]) {
        biggest[0] = attempts;
        biggest[1] = t0;
        biggestIp[0] = ip;
      }
    });
    out.alerts.add(new Alert(biggest[1] + 4 * T.MIN, "SSH brute force attempt", "Low",
        biggest[0] + " failed SSH password attempts against LNX-WEB01 from " + biggestIp[0]
        + " within a few minutes; no successful logon followed.", web.name,
        "ASI Scheduled Alerts", "ASI_SshBruteForce",
        new Alert.Entities().linuxHost(web.name).ip(biggestIp[0]).json(), "CredentialAccess"));
  }

  private void sshSession(LHost h, Output.SshSession s) {
    Rng r = h.r;
    String user = s.linuxUser();
    int uid = user.equals("deploy") ? 1001 : 1002;
    String home = "/home/" + user;
    long t = s.start();
    int spid = h.pid(t);
    h.exec(t, spid, h.sshd, 0, AUID_UNSET, "root", "/usr/sbin/sshd", "/usr/sbin/sshd -D -R", "/",
        "(none)");
    String from = s.fromIp() + " port " + s.srcPort();
    if (s.kind() == 0) {
      h.log(t + 150, "auth", "info", "sshd", spid, "Accepted publickey for " + user + " from "
          + from + " ssh2: ED25519 SHA256:" + Hashes.sshFingerprint("hunt4j sample key " + user));
    } else {
      // the admin types his password, mistyping it once
      h.log(t + 2100, "authpriv", "notice", "sshd", spid, "pam_unix(sshd:auth): authentication "
          + "failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + s.fromIp() + "  user=" + user);
      h.log(t + 4300, "auth", "info", "sshd", spid, "Failed password for " + user + " from " + from
          + " ssh2");
      t += 9_000;
      h.log(t + 150, "auth", "info", "sshd", spid, "Accepted password for " + user + " from "
          + from + " ssh2");
    }
    h.log(t + 160, "authpriv", "info", "sshd", spid, "pam_unix(sshd:session): session opened for "
        + "user " + user + "(uid=" + uid + ") by (uid=0)");
    int session = h.session++;
    int logind = 402;
    h.log(t + 170, "auth", "info", "systemd-logind", logind, "New session " + session + " of user "
        + user + ".");
    int shell = h.pid(t + 400);
    h.exec(t + 400, shell, spid, uid, uid, user, "/usr/bin/bash", "-bash", home, "pts/0");
    List<String> commands = s.kind() == 0
        ? List.of("git -C /srv/app pull --ff-only origin release/2.4.1", "ls -la /srv/app/releases",
            "sudo systemctl reload nginx", "curl -s http://127.0.0.1:8080/healthz",
            "tail -n 200 /var/log/nginx/error.log", "df -h")
        : List.of("sudo apt-get update", "apt list --upgradable",
            "sudo -u postgres psql -c \"select pg_size_pretty(pg_database_size('appdb'))\"",
            "df -h /var/lib/postgresql", "journalctl -u postgresql --since today");
    long x = t + r.between(5 * T.SEC, 20 * T.SEC);
    long step = Math.max(10 * T.SEC, (s.end() - x - 30 * T.SEC) / (commands.size() + 1));
    String cwd = s.kind() == 0 ? "/srv/app" : home;
    for (String c : commands) {
      if (c.startsWith("sudo ")) {
        sudo(h, x, shell, user, uid, cwd, c.substring(5));
      } else {
        String bin = c.substring(0, c.indexOf(' '));
        h.exec(x, h.pid(x), shell, uid, uid, user, "/usr/bin/" + bin, c, cwd, "pts/0");
        if (bin.equals("git")) {
          net.connect(x + 200, h.name, h.ip, "github.com", 443, r.logNormal(5000, .4),
              r.logNormal(200_000, .8), "git", r, true);
        }
      }
      x += step + r.between(0, 5000);
    }
    long end = s.end() + r.between(100, 800);
    h.log(end, "auth", "info", "sshd", spid, "Received disconnect from " + from
        + ":11: disconnected by user");
    h.log(end + 1, "auth", "info", "sshd", spid, "Disconnected from user " + user + " " + from);
    h.log(end + 3, "authpriv", "info", "sshd", spid, "pam_unix(sshd:session): session closed for "
        + "user " + user);
    h.log(end + 10, "auth", "info", "systemd-logind", logind, "Session " + session + " logged out."
        + " Waiting for processes to exit.");
    h.log(end + 20, "auth", "info", "systemd-logind", logind, "Removed session " + session + ".");
  }

  private void sudo(LHost h, long t, int shell, String user, int uid, String cwd, String command) {
    Rng r = h.r;
    int pid = h.pid(t);
    h.exec(t, pid, shell, uid, uid, user, "/usr/bin/sudo", "sudo " + command, cwd, "pts/0");
    String[] parts = command.split(" ", 2);
    boolean asPostgres = parts[0].equals("-u");
    String target = asPostgres ? "postgres" : "root";
    String rest = asPostgres ? command.substring(command.indexOf(' ', 3) + 1) : command;
    String bin = rest.substring(0, rest.indexOf(' '));
    String path = bin.equals("systemctl") ? "/usr/bin/systemctl"
        : bin.equals("psql") ? "/usr/bin/psql" : "/usr/bin/" + bin;
    h.log(t + 5, "authpriv", "notice", "sudo", pid, user + " : TTY=pts/0 ; PWD=" + cwd
        + " ; USER=" + target + " ; COMMAND=" + path + rest.substring(bin.length()));
    h.log(t + 7, "authpriv", "info", "sudo", pid, "pam_unix(sudo:session): session opened for user "
        + target + "(uid=" + (asPostgres ? 106 : 0) + ") by " + user + "(uid=" + uid + ")");
    int child = h.pid(t + 9);
    h.exec(t + 9, child, pid, asPostgres ? 106 : 0, uid, target, path, rest, cwd, "pts/0");
    long done = t + r.between(400, 6000);
    if (bin.equals("apt-get")) {
      net.connect(t + 300, h.name, h.ip, "apt.example.net", 80, r.logNormal(9000, .4),
          r.logNormal(600_000, 1), "http", r, true);
    }
    if (rest.startsWith("systemctl reload nginx")) {
      h.log(t + 60, "daemon", "info", "systemd", 1, "Reloading nginx.service - A high performance "
          + "web server and a reverse proxy server...");
      h.log(t + 120, "daemon", "info", "systemd", 1, "Reloaded nginx.service - A high performance "
          + "web server and a reverse proxy server.");
    }
    h.log(done, "authpriv", "info", "sudo", pid, "pam_unix(sudo:session): session closed for user "
        + target);
  }
}
