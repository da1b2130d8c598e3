package dev.stalewatch.bench;

import java.util.List;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;

/**
 * Python stage handlers of about 2 KB: a version (a different threshold), a comment-only edit of a version
 * (proven cosmetic by the structural path), and a semantic edit (a different temperature: the LLM's case).
 */
final class PythonStage {

    static final List<Dep> DEPS = List.of(Dep.text("PROMPT", "Extract the ideas from:\n{text}\n"),
            Dep.code("clean_text", "python", "def clean_text(s):\n    return ' '.join(s.split())\n"));

    private PythonStage() {
    }

    /** Stage names may hold '-' and '.', Python identifiers may not. */
    static String function(String stage) {
        return "_stage_" + stage.replaceAll("[^A-Za-z0-9_]", "_");
    }

    static Source version(String stage, int version) {
        return new Source(function(stage), body(stage, version, ""));
    }

    /** The same syntax tree as {@link #version}: comments only. */
    static Source commentEdit(String stage, int version) {
        return new Source(function(stage), body(stage, version, "    # reviewed: no behaviour change here\n"));
    }

    /** A different sampling temperature: results change. */
    static Source semanticEdit(String stage, int version) {
        return new Source(function(stage), body(stage, version, "").replace("temperature=0,", "temperature=0.7,"));
    }

    static String hash(Source source) {
        return VersionHash.compute("python", source, DEPS);
    }

    private static String body(String stage, int version, String comment) {
        String f = function(stage);
        StringBuilder b = new StringBuilder();
        b.append("def ").append(f).append("(item_key, data, stage, job):\n");
        b.append("    \"\"\"Extract scored ideas from one document of stage ").append(stage).append(".\"\"\"\n");
        b.append(comment);
        b.append("    threshold = ").append(version).append(" / 100.0\n");
        b.append("    text = clean_text(data['body'])\n");
        b.append("    if not text:\n");
        b.append("        return {'item': item_key, 'ideas': [], 'skipped': True}\n");
        b.append("    answer = job.llm.complete(\n");
        b.append("        model=MODEL,\n");
        b.append("        prompt=PROMPT.format(text=text[:12000]),\n");
        b.append("        temperature=0,\n");
        b.append("        max_tokens=2048,\n");
        b.append("    )\n");
        b.append("    ideas = []\n");
        int i = 0;
        while (b.length() < 1900) {
            b.append("    for line in answer.splitlines():\n");
            b.append("        if line.startswith('").append(i).append(". '):\n");
            b.append("            score = len(line) / (len(text) + ").append(i + 1).append(")\n");
            b.append("            if score >= threshold:\n");
            b.append("                ideas.append({'rank': ").append(i).append(", 'text': line[3:].strip()})\n");
            i++;
        }
        b.append("    return {'item': item_key, 'ideas': ideas, 'stage': '").append(stage).append("'}\n");
        return b.toString();
    }
}
