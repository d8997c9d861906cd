package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.toolkit.QueryScope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;

/**
 * Trust by fingerprint ({@code ca_fingerprint}), the way Elasticsearch prints it on first start: the certificate in
 * the server's chain whose SHA-256 matches becomes the only trusted CA, and every connection is then verified
 * normally against it (chain and host name).
 *
 * <p>Why a PEM file: the toolkit's transport takes its trust anchors from {@code ca_file} only, so the matched
 * certificate (public, not a secret) is written to a private temporary file that is deleted on close.
 */
final class Fingerprints {
    private Fingerprints() {
    }

    /**
     * Fetches the chain from the first https host that answers and returns the matching certificate as a PEM file.
     *
     * @throws ConfigurationException when no certificate in the chain matches (the message lists what was offered)
     */
    static Path pinnedCertificate(ElasticSettings s, QueryScope scope) {
        List<String> problems = new ArrayList<>();
        for (HttpUrl host : s.hosts()) {
            if (!host.isHttps()) {
                continue;
            }
            X509Certificate[] chain;
            try {
                chain = chainOf(host, (int) Math.min(Integer.MAX_VALUE, s.http().connectTimeout().toMillis()));
            } catch (IOException | GeneralSecurityException e) {
                problems.add(host.host() + ":" + host.port() + " (" + QueryScope.describe(e) + ")");
                continue;
            }
            List<String> offered = new ArrayList<>();
            for (X509Certificate c : chain) {
                String fp = sha256(c);
                if (fp.equals(s.caFingerprint())) {
                    return write(c, s);
                }
                offered.add(c.getSubjectX500Principal().getName() + " = " + fp);
            }
            throw new ConfigurationException("setting '" + s.keyPath() + ".ca_fingerprint' matches no certificate that "
                    + host.host() + ":" + host.port() + " presented; it presented: " + String.join("; ", offered));
        }
        throw scope.error(scope.service() + ": cannot fetch the TLS certificate to check '" + s.keyPath()
                + ".ca_fingerprint': no https host answered: " + String.join(", ", problems));
    }

    /** The chain a server presents; nothing is sent over this connection but the handshake. */
    private static X509Certificate[] chainOf(HttpUrl host, int timeoutMillis) throws IOException, GeneralSecurityException {
        X509Certificate[][] seen = new X509Certificate[1][];
        X509TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // not a server
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain.clone(); // only recorded here; trust is decided by the fingerprint
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {capture}, null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host.host(), host.port()), Math.max(1, timeoutMillis));
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            socket.startHandshake();
        }
        if (seen[0] == null || seen[0].length == 0) {
            throw new IOException("the server presented no certificate");
        }
        return seen[0];
    }

    static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Path write(X509Certificate c, ElasticSettings s) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Path file;
            try {
                file = Files.createTempFile("hunt4j-elastic-ca-", ".pem",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                file = Files.createTempFile("hunt4j-elastic-ca-", ".pem");
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException | CertificateEncodingException e) {
            throw new ConfigurationException("cannot keep the certificate matching '" + s.keyPath() + ".ca_fingerprint': "
                    + e.getMessage(), e);
        }
    }
}
