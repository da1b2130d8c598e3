package dev.stalewatch.triageservice.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cached verdicts are shared by every job with the same code pair, so a reason must not name the job
 * that asked first: the job's name becomes "this job".
 */
public final class JobNames {

    private static final String NAME_CHAR = "A-Za-z0-9_.-";

    private JobNames() {
    }

    public static String removeFrom(String reason, String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            return reason;
        }
        Pattern name = Pattern.compile("(?<![" + NAME_CHAR + "])" + Pattern.quote(jobId) + "(?![" + NAME_CHAR + "])");
        return name.matcher(reason).replaceAll(Matcher.quoteReplacement("this job"));
    }
}
