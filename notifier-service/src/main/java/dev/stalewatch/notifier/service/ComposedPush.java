package dev.stalewatch.notifier.service;

/** The texts of one push, already within Pushover's limits. */
public record ComposedPush(String jobId, String title, String message, String url, String urlTitle) {
}
