package dev.stalewatch.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Java stage runner asks before it recomputes anything: which version hashes count as the
 * current one ({@code GET /api/stages/{job}/{stage}/validity} on snapshot-service). Answers are cached
 * per stage with their entity tag, so asking at every start costs a {@code 304}.
 *
 * <p>Thread-safe; one client per process is enough.
 */
public final class ValidityClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, ValidVersions> cache = new ConcurrentHashMap<>();

  private ValidityClient(URI baseUrl, Duration timeout) {
    this.baseUrl = URI.create(baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** @param baseUrl snapshot-service, e.g. {@code http://localhost:8081} */
  public static ValidityClient of(URI baseUrl) {
    return of(baseUrl, Duration.ofSeconds(5));
  }

  /** @param timeout bounds the connection and the answer of each call */
  public static ValidityClient of(URI baseUrl, Duration timeout) {
    return new ValidityClient(baseUrl, timeout);
  }

  /**
   * The stage's valid versions; empty when Stalewatch does not know the stage yet (never reported).
   *
   * @throws IOException when snapshot-service cannot be reached or answers an error: the caller
   *     decides (the safe side is to keep only results of the hash it is about to report)
   */
  public Optional<ValidVersions> validVersions(String jobId, String stage)
      throws IOException, InterruptedException {
    String key = jobId + "/" + stage;
    ValidVersions cached = cache.get(key);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUrl.resolve("api/stages/" + segment(jobId) + "/" + segment(stage) + "/validity"))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    if (cached != null) {
      request.header("If-None-Match", cached.etag());
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    switch (response.statusCode()) {
      case 304:
        return Optional.of(cached);
      case 404:
        cache.remove(key);
        return Optional.empty();
      case 200:
        ValidVersions answer = parse(response.body(), response.headers().firstValue("ETag").orElse(""));
        cache.put(key, answer);
        return Optional.of(answer);
      default:
        throw new IOException("snapshot-service answered " + response.statusCode() + " to " + key + ": "
            + new String(response.body(), StandardCharsets.UTF_8));
    }
  }

  /** Whether results stored under {@code resultHash} are valid now; false for an unknown stage. */
  public boolean isValid(String jobId, String stage, String resultHash)
      throws IOException, InterruptedException {
    return validVersions(jobId, stage).map(v -> v.isValid(resultHash)).orElse(false);
  }

  private static ValidVersions parse(byte[] body, String etag) throws IOException {
    JsonNode json = JSON.readTree(body);
    Set<String> valid = new LinkedHashSet<>();
    json.path("validHashes").forEach(h -> valid.add(h.asText()));
    Map<String, String> states = new LinkedHashMap<>();
    json.path("versions").forEach(v -> states.put(v.path("hash").asText(), v.path("state").asText()));
    return new ValidVersions(json.path("jobId").asText(), json.path("stage").asText(),
        json.path("currentHash").asText(), Collections.unmodifiableSet(valid),
        Collections.unmodifiableMap(states), etag);
  }

  private static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
