package dev.hunt4j.samples;

/** Image paths and fixed command lines of Windows processes. */
final class Img {
  static final String SYS32 = "C:\\Windows\\System32\\";
  static final String SMSS = SYS32 + "smss.exe";
  static final String CSRSS = SYS32 + "csrss.exe";
  static final String WININIT = SYS32 + "wininit.exe";
  static final String WINLOGON = SYS32 + "winlogon.exe";
  static final String SERVICES = SYS32 + "services.exe";
  static final String LSASS = SYS32 + "lsass.exe";
  static final String SVCHOST = SYS32 + "svchost.exe";
  static final String FONTDRV = SYS32 + "fontdrvhost.exe";
  static final String DWM = SYS32 + "dwm.exe";
  static final String LOGONUI = SYS32 + "LogonUI.exe";
  static final String USERINIT = SYS32 + "userinit.exe";
  static final String EXPLORER = "C:\\Windows\\explorer.exe";
  static final String CONHOST = SYS32 + "conhost.exe";
  static final String CMD = SYS32 + "cmd.exe";
  static final String POWERSHELL = SYS32 + "WindowsPowerShell\\v1.0\\powershell.exe";
  static final String WMIPRVSE = SYS32 + "wbem\\WmiPrvSE.exe";
  static final String WMIC = SYS32 + "wbem\\WMIC.exe";
  static final String TASKHOSTW = SYS32 + "taskhostw.exe";
  static final String SIHOST = SYS32 + "sihost.exe";
  static final String CTFMON = SYS32 + "ctfmon.exe";
  static final String DLLHOST = SYS32 + "dllhost.exe";
  static final String RUNTIMEBROKER = SYS32 + "RuntimeBroker.exe";
  static final String BGTASKHOST = SYS32 + "backgroundTaskHost.exe";
  static final String SEARCH_PROTOCOL = SYS32 + "SearchProtocolHost.exe";
  static final String SEARCH_FILTER = SYS32 + "SearchFilterHost.exe";
  static final String SPPSVC = SYS32 + "sppsvc.exe";
  static final String RDPCLIP = SYS32 + "rdpclip.exe";
  static final String MSTSC = SYS32 + "mstsc.exe";
  static final String MMC = SYS32 + "mmc.exe";
  static final String NOTEPAD = SYS32 + "notepad.exe";
  static final String RUNDLL32 = SYS32 + "rundll32.exe";
  static final String MSIEXEC = SYS32 + "msiexec.exe";
  static final String DEFENDER_DIR =
      "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\";
  static final String MSMPENG = DEFENDER_DIR + "MsMpEng.exe";
  static final String MPCMDRUN = DEFENDER_DIR + "MpCmdRun.exe";
  static final String CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
  static final String OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";
  static final String OUTLOOK = OFFICE + "OUTLOOK.EXE";
  static final String EXCEL = OFFICE + "EXCEL.EXE";
  static final String WINWORD = OFFICE + "WINWORD.EXE";
  static final String POWERPNT = OFFICE + "POWERPNT.EXE";
  static final String TEAMS =
      "C:\\Program Files\\WindowsApps\\MSTeams_24335.206.3315.4141_x64__8wekyb3d8bbwe\\ms-teams.exe";
  static final String WEBVIEW = "C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\"
      + "122.0.2365.92\\msedgewebview2.exe";
  static final String MONITORING_DIR = "C:\\Program Files\\Microsoft Monitoring Agent\\Agent\\";
  static final String CSCRIPT = SYS32 + "cscript.exe";

  static final String CSRSS_CMD = "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows "
      + "SharedSection=1024,20480,768 Windows=On SubSystemType=Windows ServerDll=basesrv,1 "
      + "ServerDll=winsrv:UserServerDllInitialization,3 ServerDll=sxssrv,4 ProfileControl=Off "
      + "MaxRequestThreads=16";
  static final String CONHOST_CMD = "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1";

  private Img() {}

  static String quoted(String path) {
    return "\"" + path + "\"";
  }

  static String svchost(String args) {
    return "C:\\Windows\\system32\\svchost.exe " + args;
  }
}
