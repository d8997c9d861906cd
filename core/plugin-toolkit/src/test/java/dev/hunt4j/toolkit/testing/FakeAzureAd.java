package dev.hunt4j.toolkit.testing;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The Azure AD v2.0 token endpoint ({@code POST /{tenant}/oauth2/v2.0/token}) for the client-credentials grant,
 * as documented: form parameters in, {@code {"token_type":"Bearer","expires_in":...,"access_token":...}} out,
 * {@code {"error":"invalid_client","error_description":"AADSTS7000215: ..."}} with HTTP 401 for a wrong secret
 * (the description echoes nothing secret in the real service; this fake echoes the secret on purpose, to test
 * redaction). Client assertions are checked against the certificate's public key.
 */
public final class FakeAzureAd {
    private final String tenant;
    private final String clientId;
    private final String secret;
    private final PublicKey certificateKey;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long expiresIn = 3599;

    /**
     * @param secret         the accepted client secret, or null
     * @param certificateKey the accepted certificate's public key, or null
     */
    public FakeAzureAd(String tenant, String clientId, String secret, PublicKey certificateKey) {
        this.tenant = tenant;
        this.clientId = clientId;
        this.secret = secret;
        this.certificateKey = certificateKey;
    }

    /** The path the token endpoint answers on. */
    public String path() {
        return "/" + tenant + "/oauth2/v2.0/token";
    }

    /** Adds this endpoint to {@code routes}. */
    public Routes install(Routes routes) {
        return routes.on("POST", path(), this::handle);
    }

    /** Lifetime of the tokens issued from now on. */
    public void expiresIn(long seconds) {
        expiresIn = seconds;
    }

    /** Tokens issued so far (they are {@code token-1}, {@code token-2}, ...). */
    public int issued() {
        return issued.get();
    }

    /** The token most recently issued. */
    public String lastToken() {
        return "token-" + issued.get();
    }

    private MockResponse handle(RecordedRequest r) {
        Map<String, String> form = Forms.parse(r);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        if (!clientId.equals(form.get("client_id"))) {
            return error(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + form.get("client_id")
                    + "' was not found in the directory '" + tenant + "'.");
        }
        if (form.get("scope") == null || !form.get("scope").endsWith("/.default")) {
            return error(400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid.");
        }
        if (form.containsKey("client_secret")) {
            if (!form.get("client_secret").equals(secret)) {
                // echoes the wrong secret back, which the real service does not do: redaction must hide it anyway
                return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided ('" + form.get("client_secret")
                        + "'). Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
            }
        } else if ("urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            if (!validAssertion(form.get("client_assertion"), r)) {
                return error(401, "invalid_client", "AADSTS700027: Client assertion failed signature validation.");
            }
        } else {
            return error(401, "invalid_client", "AADSTS7000218: The request body must contain client_assertion or client_secret.");
        }
        int n = issued.incrementAndGet();
        return Routes.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn
                + ",\"access_token\":\"token-" + n + "\"}");
    }

    private boolean validAssertion(String jwt, RecordedRequest r) {
        if (certificateKey == null || jwt == null) {
            return false;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            if (!header.contains("\"alg\":\"RS256\"") || !header.contains("\"x5t\"") || !payload.contains("\"iss\":\"" + clientId + "\"")
                    || !payload.contains("\"aud\":\"" + r.getUrl() + "\"")) {
                return false;
            }
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(certificateKey);
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return s.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static MockResponse error(int code, String error, String description) {
        return Routes.json(code, "{\"error\":\"" + error + "\",\"error_description\":\"" + description.replace("\"", "\\\"")
                + "\\r\\nTrace ID: 0000\\r\\nCorrelation ID: 1111\\r\\nTimestamp: 2024-01-01 00:00:00Z\",\"error_codes\":[0]}");
    }
}
