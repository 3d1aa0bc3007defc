package dev.paperrec.common.security;

import dev.paperrec.common.api.Sha256;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys. Only SHA-256 digests are configured, so a leaked configuration does not leak keys;
 * a presented key is hashed and compared with every digest in constant time.
 *
 * <p>Entry format: {@code name:sha256-hex:role[+role...][:requests-per-second]}, e.g.
 * {@code crawler:9f86d0...:ingest:50}.
 */
public final class ApiKeys {

    /** One configured key; {@code perSecond} is null when the roles' default limit applies. */
    public record ApiKey(String name, byte[] digest, Set<Role> roles, Double perSecond) {
    }

    private final List<ApiKey> keys;

    private ApiKeys(List<ApiKey> keys) {
        this.keys = keys;
    }

    public static ApiKeys parse(List<String> entries) {
        List<ApiKey> keys = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("API key entry '" + parts[0]
                        + "' must be name:sha256-hex:roles[:requests-per-second]");
            }
            String hex = parts[1].trim().toLowerCase();
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("API key '" + parts[0] + "' needs a 64-digit hex SHA-256 digest");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : parts[2].split("\\+")) {
                roles.add(Role.parse(role));
            }
            Double rate = parts.length == 4 ? Double.valueOf(parts[3]) : null;
            keys.add(new ApiKey(parts[0].trim(), HexFormat.of().parseHex(hex), Set.copyOf(roles), rate));
        }
        return new ApiKeys(List.copyOf(keys));
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    /** The key whose digest matches; every digest is compared, so timing does not tell which one matched. */
    public Optional<ApiKey> match(String presented) {
        byte[] digest = sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(digest, key.digest()) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String value) {
        return Sha256.bytes(value);
    }

    public static String sha256Hex(String value) {
        return Sha256.hex(value);
    }
}
