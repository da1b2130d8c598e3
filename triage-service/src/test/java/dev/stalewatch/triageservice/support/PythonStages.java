package dev.stalewatch.triageservice.support;

import dev.stalewatch.events.Dep;

/** Realistic stage code for tests; {@code nonce} makes each test's code pair its own cache entry. */
public final class PythonStages {

    private PythonStages() {
    }

    public static final String FUNCTION = "_stage_extract";

    public static StageVersion extract(String nonce) {
        return StageVersion.python(FUNCTION, """
                def _stage_extract(item_key, data, stage, job):
                    text = clean_text(data["body"])
                    if len(text) < MIN_CHARS:
                        return {"ideas": [], "skipped": True}
                    answer = call_llm(PROMPT.format(text=text), model="opus", temperature=0)
                    ideas = [i.strip() for i in answer.split("\\n") if i.strip()]
                    return {"ideas": ideas[:20], "source": "%s"}
                """.formatted(nonce), Dep.text("PROMPT", "Extract the ideas from:\n{text}"),
                Dep.code("clean_text", "python", "def clean_text(s):\n    return \" \".join(s.split())\n"));
    }

    /** The same function with debug logging added: cosmetic, but only an LLM can tell. */
    public static StageVersion extractWithLogging(String nonce) {
        return StageVersion.python(FUNCTION, """
                def _stage_extract(item_key, data, stage, job):
                    text = clean_text(data["body"])
                    log.debug("extracting %%s (%%d chars)", item_key, len(text))
                    if len(text) < MIN_CHARS:
                        return {"ideas": [], "skipped": True}
                    answer = call_llm(PROMPT.format(text=text), model="opus", temperature=0)
                    ideas = [i.strip() for i in answer.split("\\n") if i.strip()]
                    return {"ideas": ideas[:20], "source": "%s"}
                """.formatted(nonce), Dep.text("PROMPT", "Extract the ideas from:\n{text}"),
                Dep.code("clean_text", "python", "def clean_text(s):\n    return \" \".join(s.split())\n"));
    }

    /** The same function with comments added and the layout changed; the syntax tree is the same. */
    public static StageVersion extractReformatted(String nonce) {
        return StageVersion.python(FUNCTION, """
                def _stage_extract(item_key, data, stage, job):
                    # Normalise whitespace first: the model is sensitive to it.
                    text = clean_text(
                        data["body"]
                    )
                    if len(text) < MIN_CHARS:  # too short to hold an idea
                        return {"ideas": [],
                                "skipped": True}

                    answer = call_llm(PROMPT.format(text=text),
                                      model="opus",
                                      temperature=0)
                    # one idea per non-empty line
                    ideas = [i.strip()
                             for i in answer.split("\\n")
                             if i.strip()]
                    return {"ideas": ideas[:20], "source": "%s"}
                """.formatted(nonce), Dep.text("PROMPT", "Extract the ideas from:\n{text}"),
                Dep.code("clean_text", "python", "def clean_text(s):\n    return \" \".join(s.split())\n"));
    }

    /** The same function with a docstring and type hints added and a local renamed: proven by the rules. */
    public static StageVersion extractDocumented(String nonce) {
        return StageVersion.python(FUNCTION, """
                def _stage_extract(item_key: str, data: dict, stage, job) -> dict:
                    \"\"\"Extract the ideas of one transcript; short texts are skipped.\"\"\"
                    cleaned: str = clean_text(data["body"])
                    if len(cleaned) < MIN_CHARS:
                        return {"ideas": [], "skipped": True}
                    answer = call_llm(PROMPT.format(text=cleaned), model="opus", temperature=0)
                    ideas = [i.strip() for i in answer.split("\\n") if i.strip()]
                    return {"ideas": ideas[:20], "source": "%s"}
                """.formatted(nonce), Dep.text("PROMPT", "Extract the ideas from:\n{text}"),
                Dep.code("clean_text", "python", "def clean_text(s):\n    return \" \".join(s.split())\n"));
    }

    public static String diff(String nonce) {
        return "--- a/old\n+++ b/new\n@@ -1,3 +1,4 @@\n def _stage_extract(item_key, data, stage, job):\n"
                + "     text = clean_text(data[\"body\"])\n+    log.debug(\"extracting %s (%d chars)\", item_key, len(text))\n"
                + "     if len(text) < MIN_CHARS:\n# " + nonce + "\n";
    }
}
