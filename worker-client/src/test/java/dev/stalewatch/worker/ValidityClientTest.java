package dev.stalewatch.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a local server speaking snapshot-service's wire format for /validity. */
class ValidityClientTest {

  private static final String ANSWER =
      "{\"jobId\":\"j\",\"stage\":\"s\",\"currentHash\":\"bbbbbbbb\",\"validHashes\":[\"bbbbbbbb\",\"aaaaaaaa\"],"
          + "\"versions\":[{\"hash\":\"aaaaaaaa\",\"results\":5,\"state\":\"VALID\",\"changeId\":null},"
          + "{\"hash\":\"bbbbbbbb\",\"results\":0,\"state\":\"VALID\",\"changeId\":null},"
          + "{\"hash\":\"cccccccc\",\"results\":9,\"state\":\"STALE\",\"changeId\":null}]}";

  private HttpServer server;
  private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> etag = new AtomicReference<>("\"v1-one\"");

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/stages/j/s/validity", exchange -> {
      String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
      ifNoneMatch.add(String.valueOf(sent));
      exchange.getResponseHeaders().add("ETag", etag.get());
      if (etag.get().equals(sent)) {
        exchange.sendResponseHeaders(304, -1);
      } else {
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.createContext("/api/stages/j/unknown/validity", exchange -> {
      byte[] body = "{\"status\":404,\"detail\":\"no stage j/unknown\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/api/stages/j/broken/validity", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ValidityClient client() {
    return ValidityClient.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @Test
  void theCurrentHashAndItsClassAreValidAndOthersAreNot() throws Exception {
    ValidVersions valid = client().validVersions("j", "s").orElseThrow();

    assertEquals("bbbbbbbb", valid.currentHash());
    assertEquals(List.of("bbbbbbbb", "aaaaaaaa"), List.copyOf(valid.validHashes()), "current first");
    assertTrue(valid.isValid("aaaaaaaa"));
    assertFalse(valid.isValid("cccccccc"));
    assertEquals("STALE", valid.states().get("cccccccc"));
  }

  @Test
  void aSecondAskSendsTheTagAndAnUnchangedAnswerComesFromTheCache() throws Exception {
    ValidityClient client = client();
    ValidVersions first = client.validVersions("j", "s").orElseThrow();

    ValidVersions second = client.validVersions("j", "s").orElseThrow();

    assertEquals(List.of("null", "\"v1-one\""), ifNoneMatch);
    assertEquals(first, second);
    etag.set("\"v1-two\"");
    assertEquals("\"v1-two\"", client.validVersions("j", "s").orElseThrow().etag());
  }

  @Test
  void anUnknownStageHasNoValidVersionsAndAnErrorIsThrownForTheCallerToDecide() throws Exception {
    assertEquals(Optional.empty(), client().validVersions("j", "unknown"));
    assertFalse(client().isValid("j", "unknown", "aaaaaaaa"));
    IOException e = assertThrows(IOException.class, () -> client().validVersions("j", "broken"));
    assertTrue(e.getMessage().contains("503"), e.getMessage());
  }
}
