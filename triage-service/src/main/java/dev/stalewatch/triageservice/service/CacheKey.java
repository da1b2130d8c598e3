package dev.stalewatch.triageservice.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

import dev.stalewatch.triage.CodeSnapshot;
import dev.stalewatch.triage.Dep;

/**
 * The verdict cache key of a pair of versions: SHA-256 over each side's language, source and deps,
 * every field length-prefixed (so no two different inputs run together into the same bytes), with the
 * two sides in a fixed order so that B→A finds what A→B stored. Job, stage and hashes stay out: the
 * same code pair in another job is the same question.
 */
public final class CacheKey {

    private static final String VERSION = "stalewatch-triage-cache-v1";

    private CacheKey() {
    }

    public static String of(CodeSnapshot one, CodeSnapshot other) {
        byte[] a = side(one);
        byte[] b = side(other);
        byte[] first = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        byte[] second = first == a ? b : a;
        MessageDigest digest = sha256();
        field(digest, VERSION.getBytes(StandardCharsets.UTF_8));
        field(digest, first);
        field(digest, second);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The leading 64 bits, e.g. for an advisory lock on this key. */
    public static long leadingBits(String key) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(key.substring(0, 16))).getLong();
    }

    private static byte[] side(CodeSnapshot version) {
        MessageDigest digest = sha256();
        text(digest, version.language());
        text(digest, version.source().text());
        Dep[] deps = version.deps().toArray(Dep[]::new);
        Arrays.sort(deps, Comparator.comparing(Dep::name));
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(deps.length).array());
        for (Dep dep : deps) {
            text(digest, dep.name());
            text(digest, dep.kind().name());
            text(digest, dep.language() == null ? "" : dep.language());
            text(digest, dep.text());
        }
        return digest.digest();
    }

    private static void text(MessageDigest digest, String value) {
        field(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value.length).array());
        digest.update(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
