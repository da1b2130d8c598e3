package dev.stalewatch.e2e;

import java.util.List;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;

/** Realistic versions of a Python stage: the original, a reformat, a semantic edit. */
public final class StageCode {

    public static final List<Dep> DEPS = List.of(Dep.text("PROMPT", "Extract the ideas from:\n{text}\n"),
            Dep.code("clean_text", "python", "def clean_text(s):\n    return ' '.join(s.split())\n"));

    private StageCode() {
    }

    /** The stage's handler name: stage names may hold '-' and '.', Python identifiers may not. */
    public static String function(String stage) {
        return "_stage_" + stage.replaceAll("[^A-Za-z0-9_]", "_");
    }

    public static Source original(String stage) {
        return new Source(function(stage), "def " + function(stage) + "(item_key, data, stage, job):\n"
                + "    text = clean_text(data['body'])\n"
                + "    answer = job.llm.complete(model=MODEL, prompt=PROMPT.format(text=text), temperature=0)\n"
                + "    return {'item': item_key, 'ideas': [l[2:] for l in answer.splitlines() if l.startswith('- ')]}\n");
    }

    /** Comments, quote style, line splits and a trailing comma: the same syntax tree. */
    public static Source reformatted(String stage) {
        return new Source(function(stage), "def " + function(stage) + "(item_key, data, stage, job):\n"
                + "    # normalise whitespace before prompting\n"
                + "    text = clean_text(data[\"body\"])\n"
                + "    answer = job.llm.complete(\n"
                + "        model=MODEL,\n"
                + "        prompt=PROMPT.format(text=text),\n"
                + "        temperature=0,\n"
                + "    )\n"
                + "    return {\n"
                + "        \"item\": item_key,\n"
                + "        \"ideas\": [l[2:] for l in answer.splitlines() if l.startswith(\"- \")],  # bullets\n"
                + "    }\n");
    }

    /** The version hash a worker computes for this stage code (Python, with {@link #DEPS}). */
    public static String hash(Source source) {
        return VersionHash.compute("python", source, DEPS);
    }

    /** A different temperature: results change. */
    public static Source semantic(String stage) {
        return new Source(function(stage), original(stage).text().replace("temperature=0", "temperature=0.7"));
    }
}
