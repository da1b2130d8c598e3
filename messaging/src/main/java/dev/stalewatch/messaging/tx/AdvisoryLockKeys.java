package dev.stalewatch.messaging.tx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PostgreSQL advisory lock keys. All services share one database, so a key is derived from
 * the service and the purpose: two services' relays never exclude each other.
 */
public final class AdvisoryLockKeys {

    private AdvisoryLockKeys() {
    }

    public static long of(String service, String purpose) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("stalewatch:" + service + ":" + purpose).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
