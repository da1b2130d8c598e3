package dev.stalewatch.triage.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the labelled corpora built by triage-core/corpus/make_corpus.py and make_rule_corpus.py. */
final class Corpus {

    static final String PYTHON_PAIRS = "/corpus/python-pairs.jsonl";
    static final String PYTHON_RULE_PAIRS = "/corpus/python-rule-pairs.jsonl";

    private Corpus() {}

    static List<CorpusPair> load(String resource) {
        return load(resource, CorpusPair.class);
    }

    /** One JSON object per non-blank line, read as {@code type}. */
    static <T> List<T> load(String resource, Class<T> type) {
        ObjectMapper mapper = new ObjectMapper();
        List<T> pairs = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("corpus missing: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    pairs.add(mapper.readValue(line, type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }
}
