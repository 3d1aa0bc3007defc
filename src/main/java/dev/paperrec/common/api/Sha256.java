package dev.paperrec.common.api;

import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;

/** SHA-256 of a string's UTF-8 bytes: API key digests, erasure audits, over-long click event ids. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] bytes(String value) {
        return Hashing.sha256().hashString(value, StandardCharsets.UTF_8).asBytes();
    }

    /** Lower-case hexadecimal, 64 characters. */
    public static String hex(String value) {
        return Hashing.sha256().hashString(value, StandardCharsets.UTF_8).toString();
    }
}
