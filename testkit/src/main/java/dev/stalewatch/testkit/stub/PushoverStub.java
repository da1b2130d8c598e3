package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pushover's message API ({@code POST /1/messages.json}, form-encoded) on a local port. Accepts a push with
 * {@code {"status":1,"request":"<uuid>"}} and the app-limit headers; like the real API it answers 400 with
 * {@code {"status":0,"errors":[...]}} when token, user or message is missing or not the expected one.
 * {@link #failWith(int)} gives 4xx in that JSON shape and 5xx as an HTML page, which is all a client may
 * rely on for a server error.
 */
public final class PushoverStub extends StubHttpServer {

    public static final String PATH = "/1/messages.json";
    static final int MONTHLY_LIMIT = 10_000;

    private volatile String expectedToken;
    private volatile String expectedUser;

    private PushoverStub() {
        super(PATH);
    }

    public static PushoverStub start() {
        return new PushoverStub();
    }

    /** From now on a push with another application token is refused (400, {@code "token":"invalid"). */
    public PushoverStub expectToken(String token) {
        this.expectedToken = token;
        return this;
    }

    /** From now on a push to another user key is refused (400, {@code "user":"invalid"). */
    public PushoverStub expectUser(String user) {
        this.expectedUser = user;
        return this;
    }

    /** Every push received, oldest first, whether it was accepted or not. */
    public List<PushoverMessage> messages() {
        return requests().stream()
            .map(raw -> new PushoverMessage(FormBody.decode(raw.header("content-type"), raw.body()), raw))
            .toList();
    }

    /** Waits until at least {@code count} pushes arrived (the notifier sends asynchronously). */
    public List<PushoverMessage> awaitMessages(int count, java.time.Duration timeout) {
        awaitRequests(count, timeout);
        return messages();
    }

    @Override
    protected StubAnswer answer(StubRequest request) {
        Map<String, String> fields = FormBody.decode(request.header("content-type"), request.body());
        List<Problem> problems = new ArrayList<>();
        String token = fields.get("token");
        if (token == null || token.isBlank() || (expectedToken != null && !expectedToken.equals(token))) {
            problems.add(new Problem("token", "invalid", "application token is invalid"));
        }
        String user = fields.get("user");
        if (user == null || user.isBlank() || (expectedUser != null && !expectedUser.equals(user))) {
            problems.add(new Problem("user", "invalid", "user identifier is not a valid user, group, or subscribed user key"));
        }
        String message = fields.get("message");
        if (message == null || message.isBlank()) {
            problems.add(new Problem("message", "cannot be blank", "message cannot be blank"));
        }
        if (!problems.isEmpty()) {
            return refusal(400, problems);
        }
        ObjectNode body = Json.object();
        body.put("status", 1);
        body.put("request", StubIds.uuid());
        int sent = requests().size();
        return StubAnswer.json(200, Json.write(body))
            .withHeader("X-Limit-App-Limit", Integer.toString(MONTHLY_LIMIT))
            .withHeader("X-Limit-App-Remaining", Integer.toString(Math.max(0, MONTHLY_LIMIT - sent)))
            .withHeader("X-Limit-App-Reset", Long.toString(System.currentTimeMillis() / 1000 + 30L * 24 * 3600));
    }

    @Override
    protected StubAnswer errorAnswer(int status) {
        if (status >= 500) {
            return new StubAnswer(status, "text/html",
                "<html><body><h1>" + status + " Server Error</h1></body></html>", Map.of());
        }
        String text = status == 429 ? "application has exceeded its message limit" : "stub refusal with status " + status;
        List<Problem> problems = new ArrayList<>();
        problems.add(new Problem(null, null, text));
        return refusal(status, problems);
    }

    private static StubAnswer refusal(int status, List<Problem> problems) {
        ObjectNode body = Json.object();
        ArrayNode errors = body.putArray("errors");
        for (Problem problem : problems) {
            if (problem.field() != null) {
                body.put(problem.field(), problem.verdict());
            }
            errors.add(problem.error());
        }
        body.put("status", 0);
        body.put("request", StubIds.uuid());
        return StubAnswer.json(status, Json.write(body));
    }

    /** One refused field: Pushover names it at top level ({@code "user":"invalid"}) and explains it in {@code errors}. */
    private record Problem(String field, String verdict, String error) {
    }
}
