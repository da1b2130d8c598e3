package dev.stalewatch.snapshot.query;

import java.util.ArrayList;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import dev.stalewatch.events.Dep;
import dev.stalewatch.snapshot.store.SnapshotRecord;

/**
 * The unified diff between two versions of a stage: the source, then each dependency in name
 * order, rendered as one text so a moved prompt or helper shows where it belongs.
 */
public final class SourceDiff {

    private static final int CONTEXT_LINES = 3;

    private SourceDiff() {
    }

    public static String unified(SnapshotRecord oldVersion, SnapshotRecord newVersion) {
        List<String> before = render(oldVersion);
        List<String> after = render(newVersion);
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(
                "a/" + oldVersion.versionHash(), "b/" + newVersion.versionHash(), before, patch, CONTEXT_LINES);
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }

    /** One version as lines: a header per part so the diff says which part a hunk is in. */
    public static List<String> render(SnapshotRecord version) {
        List<String> lines = new ArrayList<>();
        lines.add("### source " + version.source().name() + " (" + version.language() + ")");
        lines.addAll(version.source().text().lines().toList());
        version.deps().stream().sorted(java.util.Comparator.comparing(Dep::name)).forEach(dep -> {
            lines.add("### dep " + dep.name() + " (" + dep.kind().wireName()
                    + (dep.language() == null ? "" : ", " + dep.language()) + ")");
            lines.addAll(dep.text().lines().toList());
        });
        return lines;
    }
}
