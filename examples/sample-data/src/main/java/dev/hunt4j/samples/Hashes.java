package dev.hunt4j.samples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Digests of made-up file contents, so the data set's hashes are real digests of something. */
final class Hashes {
  private Hashes() {}

  static byte[] digest(String algorithm, String content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // SHA-256 and MD5 are required of every JDK
    }
  }

  static String sha256Hex(String content) {
    return HexFormat.of().formatHex(digest("SHA-256", content));
  }

  static String md5Hex(String content) {
    return HexFormat.of().formatHex(digest("MD5", content));
  }

  /** OpenSSH-style key fingerprint text (unpadded base64 of a SHA-256). */
  static String sshFingerprint(String content) {
    return Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", content));
  }
}
