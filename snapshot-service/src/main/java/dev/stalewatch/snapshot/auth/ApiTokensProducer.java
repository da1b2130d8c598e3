package dev.stalewatch.snapshot.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import dev.stalewatch.snapshot.config.SnapshotConfig;

/**
 * Parses {@code STALEWATCH_API_TOKENS} once, while the service starts: an entry ApiTokens refuses (a
 * name outside {@code [A-Za-z0-9_.@-]{1,64}}, a short token) stops the service at start, naming the
 * entry by position, instead of failing requests later.
 */
@ApplicationScoped
public class ApiTokensProducer {

    @Produces
    @Singleton
    @Startup
    ApiTokens apiTokens(SnapshotConfig config) {
        return ApiTokens.parse(config.apiTokens().orElse(""));
    }
}
