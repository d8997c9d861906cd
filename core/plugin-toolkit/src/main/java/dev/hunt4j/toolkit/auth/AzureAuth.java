package dev.hunt4j.toolkit.auth;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.HttpSettings;
import dev.hunt4j.toolkit.HttpTransport;
import dev.hunt4j.toolkit.RequestAuth;
import dev.hunt4j.toolkit.ServiceErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure AD (Microsoft Entra ID) credentials from a plugin's settings, shared by the Sentinel and Defender plugins:
 * a pre-acquired {@code access_token}, or an app registration ({@code tenant_id}, {@code client_id}) with a
 * {@code client_secret} or a {@code certificate}. Add {@link #KNOWN} to the plugin's {@code knownSettings()}.
 * Interactive, device-code, managed-identity and Azure CLI logins are not offered: a hunt4j provider runs unattended.
 */
public final class AzureAuth {
    /** The keys read by {@link #from}, with their meaning. */
    public static final Map<String, String> KNOWN;
    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tenant_id", "Azure AD (Entra ID) tenant id or domain of the app registration");
        m.put("client_id", "application (client) id of the app registration");
        m.put("client_secret", "the app's client secret (use env:NAME or file:PATH)");
        m.put("certificate", "the app's certificate instead of a secret: PFX/P12 file, or PEM with certificate and RSA key");
        m.put("private_key", "PEM file with the certificate's private key, when not in the certificate file");
        m.put("certificate_password", "password of the PFX/P12 certificate file");
        m.put("access_token", "a pre-acquired access token instead of app credentials (not refreshed)");
        m.put("cloud", "global (default), gcc, usgov, dod or china: picks the login and API endpoints");
        m.put("login_url", "Azure AD authority, overriding the cloud's (e.g. https://login.microsoftonline.us)");
        m.put("scope", "OAuth2 scope to request, overriding the API's default (…/.default)");
        KNOWN = Map.copyOf(m);
    }

    private AzureAuth() {
    }

    /** The {@code cloud} setting. */
    public static AzureCloud cloud(PluginSettings s) {
        return AzureCloud.parse(s.string("cloud").orElse(null), s.keyPath() + ".cloud");
    }

    /**
     * The credential configured in {@code s}.
     *
     * @param loginUrl     the authority to use unless {@code login_url} is set
     * @param defaultScope the scope to request unless {@code scope} is set, e.g. {@code https://api.loganalytics.io/.default}
     * @throws ConfigurationException naming what is missing or contradictory
     */
    public static RequestAuth from(PluginSettings s, HttpTransport transport, String loginUrl, String defaultScope, Clock clock) {
        String kp = s.keyPath();
        Optional<Secret> accessToken = s.secret("access_token");
        Optional<Secret> secret = s.secret("client_secret");
        Optional<Path> cert = s.path("certificate");
        if (accessToken.isPresent()) {
            if (secret.isPresent() || cert.isPresent()) {
                throw new ConfigurationException("settings '" + kp + "': set either access_token or client_secret/certificate, not both");
            }
            transport.redactor().add(accessToken.get());
            return new BearerToken(accessToken.get(), "pre-acquired access token (setting '" + kp + ".access_token', "
                    + accessToken.get().source() + "; it is not refreshed, so an expired token needs replacing)");
        }
        String needs = "'" + kp + "' needs credentials: access_token, or tenant_id + client_id + client_secret, or tenant_id + "
                + "client_id + certificate (hunt4j does not do interactive, device-code or Azure CLI login)";
        String tenant = s.string("tenant_id").map(String::trim).filter(t -> !t.isEmpty())
                .orElseThrow(() -> new ConfigurationException("missing setting '" + kp + ".tenant_id': " + needs));
        String clientId = s.string("client_id").map(String::trim).filter(t -> !t.isEmpty())
                .orElseThrow(() -> new ConfigurationException("missing setting '" + kp + ".client_id': " + needs));
        if (secret.isPresent() == cert.isPresent()) {
            throw new ConfigurationException(secret.isPresent()
                    ? "settings '" + kp + "': set either client_secret or certificate, not both"
                    : "missing setting '" + kp + ".client_secret' (or certificate): " + needs);
        }
        String authority = HttpSettings.baseUrl(s, "login_url", loginUrl);
        String tokenUrl = authority + "/" + tenant + "/oauth2/v2.0/token";
        String scope = s.string("scope").orElse(defaultScope);
        String app = "app " + clientId + " in tenant " + tenant;
        if (secret.isPresent()) {
            return new OAuth2ClientCredentials(transport, tokenUrl, clientId, scope, secret.get(), null,
                    app + " with client secret (setting '" + kp + ".client_secret', " + secret.get().source() + ")",
                    errors(clientId, tenant, kp), clock);
        }
        Path file = cert.get();
        if (!Files.isReadable(file)) {
            throw new ConfigurationException("setting '" + kp + ".certificate' names " + file + ", which cannot be read");
        }
        Optional<Secret> password = s.secret("certificate_password");
        password.ifPresent(transport.redactor()::add);
        ClientCertificate c = ClientCertificate.load(file, s.path("private_key").orElse(null), password.orElse(null),
                kp + ".certificate");
        return new OAuth2ClientCredentials(transport, tokenUrl, clientId, scope, null, c,
                app + " with certificate " + c.certificate().getSubjectX500Principal().getName() + " (thumbprint "
                        + c.thumbprint() + ", setting '" + kp + ".certificate')", errors(clientId, tenant, kp), clock);
    }

    /** How Azure AD's token endpoint words errors, with advice per AADSTS code. */
    static ServiceErrors errors(String clientId, String tenant, String kp) {
        return new ServiceErrors() {
            @Override
            public String service() {
                return "Azure AD";
            }

            @Override
            public String message(int status, String body) {
                Object json = ErrorBodies.parse(body);
                String error = ErrorBodies.text(json, "error");
                String description = ErrorBodies.text(json, "error_description");
                if (description != null) {
                    // the first line says it; the rest is trace and correlation ids
                    description = description.lines().findFirst().orElse(description).trim();
                }
                return error == null ? description : description == null ? error : error + ": " + description;
            }

            @Override
            public String authHint(int status, String message) {
                Matcher m = AADSTS.matcher(message == null ? "" : message);
                String code = m.find() ? m.group(1) : "";
                return switch (code) {
                    case "7000215" -> "Check '" + kp + ".client_secret': it must be the secret's Value (not its Secret ID) "
                            + "of app " + clientId + ", and still exist in the app registration.";
                    case "7000222" -> "The client secret of app " + clientId + " has expired: create a new one and update '"
                            + kp + ".client_secret'.";
                    case "700016" -> "Check '" + kp + ".client_id' (" + clientId + "): no such app in tenant " + tenant
                            + ", or the app is registered in another tenant.";
                    case "90002", "900023", "90013" -> "Check '" + kp + ".tenant_id' (" + tenant + ") and, for US Government "
                            + "or China tenants, '" + kp + ".cloud' or login_url.";
                    case "700027", "700024", "50012", "700023" -> "Check '" + kp + ".certificate': upload its public part to "
                            + "app " + clientId + " (Certificates & secrets) and check this machine's clock.";
                    case "500011", "1002012", "70011" -> "The requested scope is not available in tenant " + tenant
                            + ": check '" + kp + ".cloud', api_url and scope.";
                    default -> "Check tenant_id, client_id and the client secret or certificate in '" + kp + "'.";
                };
            }
        };
    }
}
