package dev.hunt4j.analysis.mask;

import dev.hunt4j.api.data.ResultStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Deterministic, keyed, structure-preserving data masking (pseudonymisation) for security logs.
 *
 * <p>The same value and key give the same mask on every run and machine, so data sets masked on different
 * days still join; another key gives unrelated masks, and without the key the masks cannot be reversed or
 * recomputed. Masks keep the shape analysts rely on: addresses stay valid addresses in the same range, SIDs
 * keep their RID, GUIDs stay GUIDs, names keep their dots, {@code @}, {@code \} and {@code $}, text keeps
 * its length and character classes. Well-known values that identify no one ({@code SYSTEM},
 * {@code S-1-5-18}, {@code 127.0.0.1}, ...) are kept. See {@code analysis/README.md} for every rule.
 *
 * <p>Immutable and thread-safe. Per cell it costs one SipHash-2-4 per word (eight for an IP address);
 * {@link #mask(ResultStream)} adds a small bounded cache per column for repeated values.
 *
 * <pre>{@code
 * Masker masker = Masker.builder().key(keyBytes).columnMap(ColumnMap.load(path)).build();
 * try (ResultStream masked = masker.mask(input)) { ... }
 * }</pre>
 */
public final class Masker {
    /**
     * Labels the key derivation; a change to any masking rule that alters output changes this label, so
     * masks from different versions never silently mix.
     */
    public static final String ALGORITHM = "hunt4j-mask-v1";

    /** PBKDF2-HMAC-SHA256 iterations for passphrases (OWASP 2023 recommendation). */
    static final int PBKDF2_ITERATIONS = 600_000;

    private final byte[] key;
    private final boolean generated;
    private final MaskRules rules;
    private final int parallelism;

    private Masker(byte[] key, boolean generated, ColumnMap map, int parallelism) {
        this.key = key;
        this.generated = generated;
        this.parallelism = parallelism;
        this.rules = new MaskRules(new SipHash(subkey(key, "token")), new SipHash(subkey(key, "token-prp")),
                new SipHash(subkey(key, "id-1")),
                new SipHash(subkey(key, "id-2")), new SipHash(subkey(key, "ip")), map);
    }

    /** A builder; without a key or passphrase it generates a random 256-bit key. */
    public static Builder builder() {
        return new Builder();
    }

    /** A masker with a fresh random key and the default column map. */
    public static Masker withRandomKey() {
        return builder().build();
    }

    /** The key (a copy): keep it to mask more data the same way later. */
    public byte[] key() {
        return key.clone();
    }

    /** The key as hex, the form {@link Builder#key(String)} and the {@code mask} analyzer accept. */
    public String keyHex() {
        return HexFormat.of().formatHex(key);
    }

    /** Whether the key was generated (so it has to be shown to the user once, or the masks cannot be repeated). */
    public boolean keyGenerated() {
        return generated;
    }

    /** The column map used by {@link #mask(ResultStream)}, {@link #column} and {@link #json}. */
    public ColumnMap columnMap() {
        return rules.map();
    }

    /** IPv4/IPv6 address (also {@code a.b.c.d:port}, {@code [v6]:port}, {@code v6%zone}); non-addresses as text. */
    public String ip(String value) {
        return value == null ? null : rules.ip(value);
    }

    /** Security identifier. */
    public String sid(String value) {
        return value == null ? null : rules.sid(value);
    }

    /** Account: <code>DOMAIN&#92;user</code>, {@code user@domain}, {@code HOST$} or a bare name. */
    public String account(String value) {
        return value == null ? null : rules.account(value);
    }

    /** User principal name (as {@link #email}). */
    public String upn(String value) {
        return email(value);
    }

    /** E-mail address: local part masked as text, domain as {@link #host}. */
    public String email(String value) {
        return value == null ? null : rules.email(value);
    }

    /** Host or DNS name: labels masked, public suffix (and {@code keep_domains}) kept; IP literals as {@link #ip}. */
    public String host(String value) {
        return value == null ? null : rules.host(value);
    }

    /** NetBIOS or DNS domain name. */
    public String domain(String value) {
        return value == null ? null : rules.domain(value);
    }

    /** GUID/UUID. */
    public String guid(String value) {
        return value == null ? null : rules.guid(value);
    }

    /** URL. */
    public String url(String value) {
        return value == null ? null : rules.url(value);
    }

    /** Azure resource ID. */
    public String resourceId(String value) {
        return value == null ? null : rules.resourceId(value);
    }

    /** Any text: same length, character classes and case kept, punctuation and spaces kept. */
    public String string(String value) {
        return value == null ? null : rules.string(value);
    }

    /** JSON text: values masked by key name through the column map; non-JSON text is masked as {@link #string}. */
    public String json(String value) {
        return value == null ? null : rules.json(value);
    }

    /** Masks by the value's shape (see {@link MaskType#AUTO}). */
    public String auto(String value) {
        return value == null ? null : rules.auto(value);
    }

    /** Masks {@code value} as {@code type}. */
    public String mask(MaskType type, String value) {
        return rules.mask(Objects.requireNonNull(type, "type"), value);
    }

    /** Masks {@code value} as the column map says for {@code column}; unmapped columns are returned unchanged. */
    public String column(String column, String value) {
        MaskType t = rules.map().typeOf(column);
        return t == null ? value : rules.mask(t, value);
    }

    /**
     * A stream of {@code input}'s rows with the string and JSON columns that the column map names masked and
     * every other column passed through; closing the result closes {@code input}. With
     * {@link Builder#parallelism(int) parallelism} 1 (the default) rows are read and masked one at a time; with
     * more, rows are masked in chunks on that many threads, read a few chunks ahead and returned in input order.
     * Memory stays constant either way. The returned stream is not thread-safe (like every {@link ResultStream}).
     */
    public ResultStream mask(ResultStream input) {
        return MaskingStream.of(Objects.requireNonNull(input, "input"), rules, parallelism);
    }

    /** Threads that {@link #mask(ResultStream)} uses (see {@link Builder#parallelism(int)}). */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Parses a key written as hex (as {@link #keyHex()} prints it) or Base64; at least 16 bytes.
     *
     * @throws IllegalArgumentException when it is neither or too short
     */
    public static byte[] parseKey(String text) {
        String t = text.trim();
        byte[] k;
        if (t.length() % 2 == 0 && isHex(t)) {
            k = HexFormat.of().parseHex(t);
        } else {
            try {
                k = t.contains("-") || t.contains("_") ? Base64.getUrlDecoder().decode(t)
                        : Base64.getDecoder().decode(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key: expected hex or Base64", e);
            }
        }
        if (k.length < 16) {
            throw new IllegalArgumentException("key: expected at least 16 bytes (128 bits), got " + k.length);
        }
        return k;
    }

    private static boolean isHex(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Subkeys per purpose, so one rule's masks say nothing about another's: HMAC-SHA256(key, label). Computed
     * with {@link Sha256} rather than {@code javax.crypto.Mac}, whose provider set-up costs 0.1 s per process.
     */
    private static byte[] subkey(byte[] key, String purpose) {
        return Arrays.copyOf(Sha256.hmac(key, (ALGORITHM + "/" + purpose).getBytes(StandardCharsets.UTF_8)), 16);
    }

    /** Builds a {@link Masker}. */
    public static final class Builder {
        private byte[] key;
        private char[] passphrase;
        private ColumnMap map;
        private int parallelism = 1;

        private Builder() {
        }

        /** The key: at least 16 random bytes (32 recommended). */
        public Builder key(byte[] key) {
            if (key.length < 16) {
                throw new IllegalArgumentException("key: expected at least 16 bytes (128 bits), got " + key.length);
            }
            this.key = key.clone();
            this.passphrase = null;
            return this;
        }

        /** The key as hex or Base64 (see {@link Masker#parseKey}). */
        public Builder key(String key) {
            return key(parseKey(key));
        }

        /**
         * Derives the key from a passphrase with PBKDF2-HMAC-SHA256 and a fixed salt (the same passphrase must
         * give the same key everywhere); slow on purpose, so choose a long passphrase.
         */
        public Builder passphrase(String passphrase) {
            if (passphrase.isEmpty()) {
                throw new IllegalArgumentException("passphrase: empty");
            }
            this.passphrase = passphrase.toCharArray();
            this.key = null;
            return this;
        }

        /** The column map (default: {@link ColumnMap#defaults()}). */
        public Builder columnMap(ColumnMap map) {
            this.map = Objects.requireNonNull(map, "map");
            return this;
        }

        /**
         * Threads for {@link Masker#mask(ResultStream)} (default 1: row by row on the caller's thread, nothing
         * read ahead); more mask chunks of rows in parallel, e.g. {@code Runtime.availableProcessors()} for
         * files. The masks are the same either way.
         */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** The masker. */
        public Masker build() {
            ColumnMap m = map != null ? map : ColumnMap.defaults();
            if (key != null) {
                return new Masker(key.clone(), false, m, parallelism);
            }
            if (passphrase != null) {
                return new Masker(derive(passphrase), false, m, parallelism);
            }
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return new Masker(k, true, m, parallelism);
        }

        private static byte[] derive(char[] passphrase) {
            try {
                PBEKeySpec spec = new PBEKeySpec(passphrase, (ALGORITHM + "/passphrase").getBytes(StandardCharsets.UTF_8),
                        PBKDF2_ITERATIONS, 256);
                byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                spec.clearPassword();
                return k;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
            }
        }
    }
}
