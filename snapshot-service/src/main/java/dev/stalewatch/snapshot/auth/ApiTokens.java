package dev.stalewatch.snapshot.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named bearer tokens ({@code STALEWATCH_API_TOKENS=alice:…,ci:…}): every decision records the
 * name of the token that made it. Tokens are compared in constant time and never logged: this
 * class has no toString that shows them.
 */
public final class ApiTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private record Entry(String name, byte[] digest) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * @param spec comma-separated {@code name:token} pairs; blank means no token, so every mutation is refused
     * @throws IllegalArgumentException naming the bad entry by position, never by content
     */
    public static ApiTokens parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return new ApiTokens(entries);
        }
        String[] parts = spec.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new IllegalArgumentException("STALEWATCH_API_TOKENS entry " + (i + 1) + " is not name:token");
            }
            String name = part.substring(0, colon);
            String token = part.substring(colon + 1);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("STALEWATCH_API_TOKENS entry " + (i + 1)
                        + " has a name outside [A-Za-z0-9_.@-]{1,64}");
            }
            if (token.length() < 8) {
                throw new IllegalArgumentException("STALEWATCH_API_TOKENS entry " + (i + 1) + " (" + name
                        + ") has a token shorter than 8 characters");
            }
            entries.add(new Entry(name, digest(token)));
        }
        return new ApiTokens(List.copyOf(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The name behind {@code token}; every entry is compared, so timing tells nothing. */
    public Optional<String> author(String token) {
        byte[] presented = digest(token);
        String found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
                found = entry.name();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens[" + entries.size() + " named tokens]";
    }
}
