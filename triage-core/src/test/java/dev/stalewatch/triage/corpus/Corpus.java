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

/** Loads the labelled corpus built by triage-core/corpus/make_corpus.py. */
final class Corpus {

    static final String PYTHON_PAIRS = "/corpus/python-pairs.jsonl";

    private Corpus() {}

    static List<CorpusPair> load(String resource) {
        ObjectMapper mapper = new ObjectMapper();
        List<CorpusPair> pairs = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("corpus missing: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    pairs.add(mapper.readValue(line, CorpusPair.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }
}
