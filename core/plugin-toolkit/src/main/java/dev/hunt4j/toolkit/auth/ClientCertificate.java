package dev.hunt4j.toolkit.auth;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Enumeration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app's certificate credential for the OAuth2 client-credentials flow: signs the client assertion (RFC 7523
 * JWT with the certificate's SHA-1 thumbprint in {@code x5t}) that Azure AD takes instead of a client secret.
 * Loads a PKCS#12 file ({@code .pfx}/{@code .p12}, with a password) or PEM (certificate and an unencrypted
 * PKCS#8 or PKCS#1 RSA key, in one file or two).
 */
public final class ClientCertificate {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String thumbprint;

    private ClientCertificate(X509Certificate certificate, PrivateKey key) {
        if (!(key instanceof RSAPrivateKey)) {
            throw new ConfigurationException("the certificate's private key is " + key.getAlgorithm()
                    + "; Azure AD client assertions need an RSA key");
        }
        this.certificate = certificate;
        this.key = key;
        try {
            this.thumbprint = b64url(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a certificate credential.
     *
     * @param file     a PFX/P12 file, or a PEM file with the certificate (and maybe the key)
     * @param keyFile  a PEM file with the private key, when not in {@code file}; may be null
     * @param password the PFX password; may be null
     * @param keyPath  the setting the file came from, for messages (e.g. {@code providers.sentinel.certificate})
     * @throws ConfigurationException naming the setting and what is wrong with the file
     */
    public static ClientCertificate load(Path file, Path keyFile, Secret password, String keyPath) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".pfx") || name.endsWith(".p12")) {
                return fromPkcs12(Files.readAllBytes(file), password, keyPath);
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String keyPem = keyFile == null ? pem : Files.readString(keyFile, StandardCharsets.US_ASCII);
            return fromPem(pem, keyPem, keyPath);
        } catch (IOException e) {
            throw new ConfigurationException("setting '" + keyPath + "' names " + file + (keyFile == null ? "" : " / " + keyFile)
                    + ", which cannot be read: " + e.getClass().getSimpleName());
        }
    }

    static ClientCertificate fromPkcs12(byte[] data, Secret password, String keyPath) {
        char[] pw = password == null ? new char[0] : password.reveal().toCharArray();
        try (InputStream in = new ByteArrayInputStream(data)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
                String alias = e.nextElement();
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate c) {
                    return new ClientCertificate(c, (PrivateKey) ks.getKey(alias, pw));
                }
            }
            throw new ConfigurationException("setting '" + keyPath + "': the PFX file holds no private key with a certificate");
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password shows up as an IOException from KeyStore.load
            throw new ConfigurationException("setting '" + keyPath + "': cannot open the PFX file (wrong certificate_password?): "
                    + e.getClass().getSimpleName());
        }
    }

    static ClientCertificate fromPem(String certPem, String keyPem, String keyPath) {
        X509Certificate cert = null;
        PrivateKey key = null;
        try {
            for (String text : new String[] {certPem, keyPem}) {
                Matcher m = PEM.matcher(text);
                while (m.find()) {
                    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                    switch (m.group(1)) {
                        case "CERTIFICATE" -> {
                            if (cert == null) {
                                cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                                        .generateCertificate(new ByteArrayInputStream(der));
                            }
                        }
                        case "PRIVATE KEY" -> key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                        case "RSA PRIVATE KEY" -> key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
                        case "ENCRYPTED PRIVATE KEY" -> throw new ConfigurationException("setting '" + keyPath
                                + "': encrypted PEM keys are not supported; use a PFX file with certificate_password, "
                                + "or an unencrypted key file readable only by you");
                        default -> {
                            // other blocks (chain certificates, parameters) are not needed
                        }
                    }
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("setting '" + keyPath + "': the PEM data is not a valid certificate/RSA key: "
                    + e.getClass().getSimpleName());
        }
        if (cert == null) {
            throw new ConfigurationException("setting '" + keyPath + "': no -----BEGIN CERTIFICATE----- block found");
        }
        if (key == null) {
            throw new ConfigurationException("setting '" + keyPath + "': no private key found (put it in the same PEM file "
                    + "or name its file in private_key)");
        }
        return new ClientCertificate(cert, key);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (DER), which the JDK can read. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algId.length + octet.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algId, 0, body, version.length, algId.length);
        System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int len = content.length;
        byte[] lenBytes;
        if (len < 0x80) {
            lenBytes = new byte[] {(byte) len};
        } else if (len < 0x100) {
            lenBytes = new byte[] {(byte) 0x81, (byte) len};
        } else if (len < 0x10000) {
            lenBytes = new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
        } else {
            lenBytes = new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
        }
        byte[] out = new byte[1 + lenBytes.length + len];
        out[0] = (byte) tag;
        System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
        System.arraycopy(content, 0, out, 1 + lenBytes.length, len);
        return out;
    }

    /** The certificate, e.g. to show its subject in messages. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The SHA-1 thumbprint, Base64url, as sent in {@code x5t}. */
    public String thumbprint() {
        return thumbprint;
    }

    /**
     * A signed client assertion for {@code clientId} at {@code tokenUrl}, valid for 10 minutes.
     */
    public String assertion(String clientId, String tokenUrl, Instant now) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5t\":\"" + thumbprint + "\"}";
        long t = now.getEpochSecond();
        String payload = "{\"aud\":" + json(tokenUrl) + ",\"iss\":" + json(clientId) + ",\"sub\":" + json(clientId)
                + ",\"jti\":\"" + UUID.randomUUID() + "\",\"nbf\":" + t + ",\"iat\":" + t + ",\"exp\":" + (t + 600) + "}";
        String signingInput = b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + b64url(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64url(s.sign());
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot sign the client assertion with the certificate's key: " + e.getMessage(), e);
        }
    }

    private static String json(String s) {
        return dev.hunt4j.toolkit.JsonValues.quote(s);
    }

    private static String b64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
