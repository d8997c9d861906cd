package dev.hunt4j.analysis.mask;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a column's values are masked; the name is what column maps use. */
public enum MaskType {
    /** IPv4/IPv6 address (also with port or zone); stays a valid address of the same kind. */
    IP("ip"),
    /** Windows security identifier: domain part of S-1-5-21 SIDs and Azure AD S-1-12-1 SIDs masked. */
    SID("sid"),
    /** Account name: <code>DOMAIN&#92;user</code>, {@code user@domain}, {@code HOST$} or a bare name. */
    ACCOUNT("account"),
    /** User principal name {@code user@domain} (masked like {@link #EMAIL}). */
    UPN("upn"),
    /** E-mail address: local part and domain labels masked, {@code @} and dots kept. */
    EMAIL("email"),
    /** Host or DNS name: each label masked, the public suffix kept. */
    HOST("host"),
    /** Windows (NetBIOS) or DNS domain name; well-known domains such as {@code NT AUTHORITY} kept. */
    DOMAIN("domain"),
    /** GUID/UUID: stays GUID-shaped (hex digits, dashes, braces, version nibble). */
    GUID("guid"),
    /** URL: scheme and port kept, host masked like {@link #HOST}, the rest like {@link #STR}. */
    URL("url"),
    /** Azure resource ID: the path keywords kept, names and IDs masked. */
    RESOURCE_ID("resource_id"),
    /** Any text: same length, letters stay letters (case kept), digits stay digits, the rest kept. */
    STR("str"),
    /** JSON text: values masked by their key name through the column map, key order kept. */
    JSON("json"),
    /** Decides per value by its shape: IP, GUID, SID, URL, resource ID, e-mail, account, else text. */
    AUTO("auto"),
    /** Never masked (to take a column out of the default map, or to keep a JSON key's values). */
    KEEP("keep");

    private final String mapName;

    MaskType(String mapName) {
        this.mapName = mapName;
    }

    /** The name used in column maps, e.g. {@code ip}, {@code resource_id}. */
    public String mapName() {
        return mapName;
    }

    /**
     * The type for a name from a column map: our names, plus MSTICPy's ({@code uuid}, {@code acct},
     * {@code dict}, {@code list}, and its delimiter strings such as {@code '@./:.'}, which mean "text").
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static MaskType fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (MaskType t : values()) {
            if (t.mapName.equals(n)) {
                return t;
            }
        }
        switch (n) {
            case "uuid":
                return GUID;
            case "acct":
                return ACCOUNT;
            case "dict":
            case "list":
                return JSON;
            case "string":
            case "text":
                return STR;
            default:
                break;
        }
        if (!name.isEmpty() && name.chars().noneMatch(Character::isLetterOrDigit)) {
            return STR; // MSTICPy: hash the parts between these delimiters; our STR keeps punctuation anyway
        }
        throw new IllegalArgumentException("unknown mask type '" + name + "'; expected one of "
                + Arrays.stream(values()).map(MaskType::mapName).collect(Collectors.joining(", ")));
    }
}
