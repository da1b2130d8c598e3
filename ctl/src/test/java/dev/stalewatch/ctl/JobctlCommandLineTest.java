package dev.stalewatch.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stalewatch.ctl.config.CtlConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argument parsing and exit codes, in process, against a stub speaking snapshot-service's API:
 * 0 ok, 1 a "no", 2 usage or bad input, 3 unreachable or refused — each with one line on stderr.
 */
class JobctlCommandLineTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String STALE_WITH_CHANGE = "{\"pending\":[{\"jobId\":\"j\",\"stage\":\"s\","
      + "\"currentHash\":\"cccccccccccc\",\"staleItems\":5,\"changes\":[{\"changeId\":\"c-1\","
      + "\"oldHash\":\"aaaaaaaaaaaa\",\"newHash\":\"cccccccccccc\",\"state\":\"PENDING\",\"verdict\":\"SEMANTIC\","
      + "\"method\":\"LLM\",\"reason\":\"r\",\"staleItems\":5}],\"warnings\":[]}],\"autoBlessed\":[],\"nextCursor\":null}";

  @TempDir Path home;

  private HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  record Answer(int status, String body) {}

  @BeforeEach
  void stub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
      Answer answer = answers.getOrDefault(path, new Answer(404,
          "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such thing\"}"));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type",
          answer.status() >= 400 ? "application/problem+json" : "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private InProcess.Run jobctl(String... args) {
    return InProcess.run(Map.of("STALEWATCH_URL", url(), "STALEWATCH_TOKEN", "t0k"), home, args);
  }

  private static String problem(int status, String detail) {
    return "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
  }

  private static void assertOneLine(InProcess.Run run, int exitCode) {
    assertEquals(exitCode, run.exitCode(), run::toString);
    assertEquals(1, run.stderrLines().size(), run::toString);
    assertTrue(run.stderr().startsWith("jobctl: "), run::toString);
  }

  @Test
  void unknownFlagMissingArgumentsAndBadNamesAreUsageErrors() {
    assertOneLine(jobctl("stale", "--nope"), 2);
    assertOneLine(jobctl("show", "onlyjob"), 2);
    assertOneLine(jobctl("bless", "bad/job", "s"), 2);
    assertOneLine(jobctl("unbless", "j", "s"), 2);
    assertOneLine(jobctl("unbless", "j", "s", "--change", "c-1", "--edge", "aaaaaaaa", "bbbbbbbb"), 2);
    assertOneLine(jobctl("observe", "--job", "j", "--stage", "s"), 2);
    assertOneLine(jobctl("triage", "--via", "kafka"), 2);
    assertEquals(2, jobctl().exitCode(), "no command: usage on stderr");
    assertTrue(requests.isEmpty(), "nothing was sent: " + requests);
  }

  @Test
  void decisionsWithoutATokenAreRefusedBeforeSending() {
    answers.put("/api/stale", new Answer(200, STALE_WITH_CHANGE));
    InProcess.Run run = InProcess.run(Map.of("STALEWATCH_URL", url()), home, "bless", "j", "s");
    assertOneLine(run, 2);
    assertTrue(run.stderr().contains("token"), run::toString);
    assertTrue(requests.isEmpty());
  }

  @Test
  void blessSendsTheCurrentHashItSawAndTheToken() throws Exception {
    answers.put("/api/stale", new Answer(200, STALE_WITH_CHANGE));
    answers.put("/api/stages/j/s/bless", new Answer(200, "{\"jobId\":\"j\",\"stage\":\"s\","
        + "\"currentHash\":\"cccccccccccc\",\"changes\":[{\"changeId\":\"c-1\",\"oldHash\":\"aaaaaaaaaaaa\","
        + "\"newHash\":\"cccccccccccc\",\"state\":\"BLESSED\",\"verdict\":\"COSMETIC\",\"method\":\"MANUAL\","
        + "\"reason\":\"fine\",\"staleItems\":5}],\"staleItems\":0}"));
    InProcess.Run run = jobctl("bless", "j", "s", "--reason", "fine");
    assertEquals(0, run.exitCode(), run::toString);
    String post = requests.stream().filter(r -> r.startsWith("POST")).findFirst().orElseThrow();
    assertTrue(post.startsWith("POST /api/stages/j/s/bless Bearer t0k "), post);
    JsonNode body = MAPPER.readTree(post.substring(post.indexOf('{')));
    assertEquals("cccccccccccc", body.path("expectedCurrentHash").asText());
    assertEquals("fine", body.path("reason").asText());
    assertTrue(run.stdout().contains("Blessed 1 change on j/s (current cccccccccccc): aaaaaaaaaaaa = cccccccccccc"),
        run::toString);
    assertTrue(run.stdout().contains("5 items no longer stale; 0 still stale."), run::toString);
  }

  @Test
  void aReasonOverTwoThousandCharactersIsRefusedWithOneLineBeforeAnythingIsSent() {
    answers.put("/api/stale", new Answer(200, STALE_WITH_CHANGE));
    InProcess.Run tooLong = jobctl("bless", "j", "s", "--reason", "x".repeat(2001));
    assertOneLine(tooLong, 2);
    assertTrue(tooLong.stderr().contains("--reason has 2001 characters; snapshot-service accepts at most 2000"),
        tooLong::toString);
    InProcess.Run bell = jobctl("bless", "j", "s", "--reason", "ring\u0007");
    assertOneLine(bell, 2);
    assertTrue(bell.stderr().contains("U+0007"), bell::toString);
    assertTrue(requests.isEmpty(), "nothing was sent: " + requests);
  }

  @Test
  void conflictIsANoThatSaysToLookAgain() {
    answers.put("/api/stale", new Answer(200, STALE_WITH_CHANGE));
    answers.put("/api/stages/j/s/bless", new Answer(409, problem(409,
        "current version of j/s is dddddddd, not cccccccccccc: look again before deciding")));
    InProcess.Run run = jobctl("bless", "j", "s");
    assertOneLine(run, 1);
    assertTrue(run.stderr().contains("look again"), run::toString);
    assertEquals("", run.stdout());
  }

  @Test
  void nothingToBlessIsANoWithoutSending() {
    answers.put("/api/stale", new Answer(200, "{\"pending\":[],\"autoBlessed\":[],\"nextCursor\":null}"));
    InProcess.Run run = jobctl("bless", "j", "s");
    assertOneLine(run, 1);
    assertTrue(run.stderr().contains("nothing to bless"), run::toString);
    assertTrue(requests.stream().noneMatch(r -> r.startsWith("POST")));
  }

  @Test
  void refusedAndFailingServiceIsExit3NamingTheUrlAndStatus() {
    answers.put("/api/stages/j/s/retriage", new Answer(401, problem(401, "the bearer token is not one of them")));
    InProcess.Run refused = jobctl("retriage", "j", "s");
    assertOneLine(refused, 3);
    assertTrue(refused.stderr().contains(url()) && refused.stderr().contains("401"), refused::toString);

    answers.put("/api/stale", new Answer(500, problem(500, "internal error (SQLException); see the service log")));
    InProcess.Run failing = jobctl("stale");
    assertOneLine(failing, 3);
    assertTrue(failing.stderr().contains("500") && failing.stderr().contains(url()), failing::toString);
  }

  @Test
  void badRequestAndUnknownStageAreExit2() {
    InProcess.Run missing = jobctl("history", "j", "s");
    assertOneLine(missing, 2);
    assertTrue(missing.stderr().contains("404"), missing::toString);
    answers.put("/api/stale", new Answer(400, problem(400, "since must look like 30m, 24h, 7d or PT24H, was 'x'")));
    assertOneLine(jobctl("stale", "--since", "x"), 2);
  }

  @Test
  void unblessByEdgeAndCurrentSendTheirBodies() throws Exception {
    String result = "{\"jobId\":\"j\",\"stage\":\"s\",\"currentHash\":\"bbbbbbbb\",\"changes\":[],\"staleItems\":4}";
    answers.put("/api/stages/j/s/unbless", new Answer(200, result));
    answers.put("/api/stages/j/s/current", new Answer(200, result));
    assertEquals(0, jobctl("unbless", "j", "s", "--edge", "aaaaaaaa", "bbbbbbbb").exitCode());
    InProcess.Run current = jobctl("current", "j", "s", "bbbbbbbb");
    assertEquals(0, current.exitCode(), current::toString);
    assertTrue(current.stdout().startsWith("Current version of j/s is now bbbbbbbb; 4 items stale."), current::toString);
    List<String> posts = requests.stream().filter(r -> r.startsWith("POST")).toList();
    assertEquals(MAPPER.readTree("{\"oldHash\":\"aaaaaaaa\",\"newHash\":\"bbbbbbbb\"}"),
        MAPPER.readTree(posts.get(0).substring(posts.get(0).indexOf('{'))));
    assertEquals(MAPPER.readTree("{\"hash\":\"bbbbbbbb\"}"),
        MAPPER.readTree(posts.get(1).substring(posts.get(1).indexOf('{'))));
  }

  @Test
  void urlAndTokenComeFromFlagsThenEnvironmentThenConfigFile() throws Exception {
    answers.put("/api/stages/j/s/retriage", new Answer(200,
        "{\"jobId\":\"j\",\"stage\":\"s\",\"currentHash\":\"x\",\"changes\":[],\"staleItems\":0}"));
    Path config = home.resolve(".config/stalewatch/config");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "# jobctl\nurl = " + url() + "\ntoken = from-file\n");
    assertEquals(0, InProcess.run(Map.of(), home, "retriage", "j", "s").exitCode());
    assertEquals(0, InProcess.run(Map.of("STALEWATCH_TOKEN", "from-env"), home, "retriage", "j", "s").exitCode());
    assertEquals(0, InProcess.run(Map.of("STALEWATCH_TOKEN", "from-env", "STALEWATCH_URL", "http://127.0.0.1:1"),
        home, "retriage", "j", "s", "--token", "from-flag", "--url", url()).exitCode());
    assertEquals(List.of("Bearer from-file", "Bearer from-env", "Bearer from-flag"),
        requests.stream().map(r -> r.split(" ")[2] + " " + r.split(" ")[3]).toList());

    Files.writeString(config, "this line has no equals sign\n");
    assertOneLine(InProcess.run(Map.of(), home, "stale"), 2);
  }

  @Test
  void withoutUrlAnywhereJobctlUsesThePortSnapshotServiceListensOn() throws Exception {
    Properties snapshotService = new Properties();
    try (var in = Files.newBufferedReader(
        Path.of("../snapshot-service/src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
      snapshotService.load(in);
    }
    String port = snapshotService.getProperty("quarkus.http.port");
    assertEquals("8081", port, "snapshot-service's port in the one-machine stack");
    Io io = new Io(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), home, false);
    assertEquals("http://localhost:" + port, CtlConfig.load(io).url(null));
  }
}
