package dev.stalewatch.notifier.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.stalewatch.notifier.client.ChangeSummary;

/** Writes the title, message and link of a push for one change, or for one job's digest of changes. */
public final class PushComposer {

    private final String publicUrl;

    public PushComposer(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Changes of one job, oldest first; one change gets the single-change texts. */
    public ComposedPush compose(List<ChangeSummary> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a push needs at least one change");
        }
        ChangeSummary first = changes.get(0);
        if (changes.size() == 1) {
            return fit(first.jobId(), "jobs: " + first.jobId() + "/" + first.stage() + " changed (semantic)",
                    first.staleItems() + " stale items. " + reasonOf(first), linkTo(first), "Review change");
        }
        Set<String> stages = new LinkedHashSet<>();
        long staleItems = 0;
        StringBuilder reasons = new StringBuilder();
        for (ChangeSummary change : changes) {
            stages.add(change.stage());
            staleItems += change.staleItems();
            reasons.append('\n').append(change.stage()).append(": ").append(reasonOf(change));
        }
        String title = stages.size() == 1
                ? "jobs: " + first.jobId() + "/" + first.stage() + " changed (semantic)"
                : "jobs: " + first.jobId() + ": " + stages.size() + " stages changed (semantic)";
        // the stage names come first so that truncating long reasons never hides which stages changed
        String message = "Changed: " + String.join(", ", stages) + ". " + staleItems + " stale items." + reasons;
        return fit(first.jobId(), title, message, linkTo(first), "Review " + changes.size() + " changes");
    }

    private String linkTo(ChangeSummary change) {
        return publicUrl + "/changes/" + change.changeId();
    }

    private static String reasonOf(ChangeSummary change) {
        return change.reason() == null || change.reason().isBlank() ? "(no reason given)" : change.reason().strip();
    }

    private static ComposedPush fit(String jobId, String title, String message, String url, String urlTitle) {
        return new ComposedPush(jobId,
                PushoverLimits.truncate(title, PushoverLimits.TITLE),
                PushoverLimits.truncate(message, PushoverLimits.MESSAGE),
                PushoverLimits.truncate(url, PushoverLimits.URL),
                PushoverLimits.truncate(urlTitle, PushoverLimits.URL_TITLE));
    }
}
