package dev.hunt4j.toolkit.auth;

import dev.hunt4j.api.ConfigurationException;
import java.util.Locale;

/**
 * The Azure clouds and their endpoints (setting {@code cloud}); every endpoint can also be set on its own
 * ({@code login_url}, {@code api_url}) for clouds or proxies not listed here.
 *
 * @param id              the setting value, e.g. {@code usgov}
 * @param login           the Azure AD (Entra ID) authority
 * @param logAnalytics    the Log Analytics query API
 * @param graph           Microsoft Graph
 * @param defender        the Defender for Endpoint API, or null where it does not exist
 * @param defenderAudience the resource Defender for Endpoint tokens are issued for
 */
public record AzureCloud(String id, String login, String logAnalytics, String graph, String defender, String defenderAudience) {

    public static final AzureCloud GLOBAL = new AzureCloud("global", "https://login.microsoftonline.com",
            "https://api.loganalytics.io", "https://graph.microsoft.com", "https://api.security.microsoft.com",
            "https://api.securitycenter.microsoft.com");
    /** US Government Community Cloud (GCC): commercial Azure AD, GCC Defender endpoint. */
    public static final AzureCloud USGOV_GCC = new AzureCloud("gcc", "https://login.microsoftonline.com",
            "https://api.loganalytics.io", "https://graph.microsoft.com", "https://api-gcc.securitycenter.microsoft.us",
            "https://api-gcc.securitycenter.microsoft.us");
    /** Azure US Government (GCC High). */
    public static final AzureCloud USGOV = new AzureCloud("usgov", "https://login.microsoftonline.us",
            "https://api.loganalytics.us", "https://graph.microsoft.us", "https://api-gov.securitycenter.microsoft.us",
            "https://api-gov.securitycenter.microsoft.us");
    /** Azure US Government, Department of Defense. */
    public static final AzureCloud USGOV_DOD = new AzureCloud("dod", "https://login.microsoftonline.us",
            "https://api.loganalytics.us", "https://dod-graph.microsoft.us", "https://api-gov.securitycenter.microsoft.us",
            "https://api-gov.securitycenter.microsoft.us");
    /** Azure operated by 21Vianet (China). */
    public static final AzureCloud CHINA = new AzureCloud("china", "https://login.chinacloudapi.cn",
            "https://api.loganalytics.azure.cn", "https://microsoftgraph.chinacloudapi.cn", null, null);

    /**
     * The cloud for a setting value: {@code global} (also {@code public}, {@code azurecloud}), {@code gcc},
     * {@code usgov} ({@code gcc-high}, {@code azureusgovernment}), {@code dod}, {@code china} ({@code cn},
     * {@code azurechinacloud}); MSTICPy's names are accepted.
     *
     * @throws ConfigurationException naming {@code keyPath} and the accepted values
     */
    public static AzureCloud parse(String value, String keyPath) {
        String v = value == null ? "global" : value.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        return switch (v) {
            case "global", "public", "azurecloud", "azure", "commercial", "" -> GLOBAL;
            case "gcc", "usgov-gcc" -> USGOV_GCC;
            case "usgov", "gcc-high", "gcchigh", "azureusgovernment", "us-gov", "usgovernment" -> USGOV;
            case "dod", "usgov-dod", "gcc-dod" -> USGOV_DOD;
            case "china", "cn", "azurechinacloud", "mooncake" -> CHINA;
            default -> throw new ConfigurationException("setting '" + keyPath + "' must be one of global, gcc, usgov, dod, china; got '"
                    + value + "' (or set login_url and api_url directly)");
        };
    }
}
