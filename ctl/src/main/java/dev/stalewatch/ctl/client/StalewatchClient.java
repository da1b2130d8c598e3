package dev.stalewatch.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.CtlException;
import dev.stalewatch.ctl.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * snapshot-service's REST API (DESIGN.md §8) over {@link HttpClient}, answers as JSON trees. Every
 * failure is a {@link CtlException} with jobctl's exit code and one line naming the URL: unreachable,
 * 401/403 and 5xx → 3; 409 → 1; other 4xx → 2.
 */
public final class StalewatchClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String baseUrl;
  private final String token;
  private final HttpClient http;

  public StalewatchClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (baseUrl.startsWith("http://")) {
      // plain HTTP: spare the start-up the default SSLContext (it reads the JDK's trust store)
      builder.sslContext(unusedTls());
    }
    this.http = builder.build();
  }

  private static SSLContext unusedTls() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[0], new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  public boolean hasToken() {
    return token != null;
  }

  /** The link to the read-only change page. */
  public String changePage(String changeId) {
    return baseUrl + "/changes/" + segment(changeId);
  }

  public ApiResponse stale(String since, String job, int limit, String cursor) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("since", since);
    query.put("job", job);
    query.put("limit", Integer.toString(limit));
    query.put("cursor", cursor);
    return get("/api/stale" + query(query));
  }

  public ApiResponse change(String changeId) {
    return get("/api/changes/" + segment(changeId));
  }

  public ApiResponse history(String job, String stage) {
    return get(stagePath(job, stage) + "/history");
  }

  /** POST /api/stages/{job}/{stage}/{decision} with a JSON body; needs the token. */
  public ApiResponse decide(String job, String stage, String decision, ObjectNode body) {
    return post(stagePath(job, stage) + "/" + decision, Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  public ApiResponse observe(byte[] versionObservedJson) {
    return post("/api/observations", versionObservedJson);
  }

  private static String stagePath(String job, String stage) {
    return "/api/stages/" + segment(job) + "/" + segment(stage);
  }

  private ApiResponse get(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(pathAndQuery))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    return send(request);
  }

  private ApiResponse post(String path, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private URI uri(String pathAndQuery) {
    try {
      return URI.create(baseUrl + pathAndQuery);
    } catch (IllegalArgumentException e) {
      throw CtlException.usage("not a usable URL: " + baseUrl + pathAndQuery);
    }
  }

  private ApiResponse send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("connection timed out after " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new CtlException(
          ExitCodes.SERVICE,
          "snapshot-service at " + baseUrl + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s",
          e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(describe(e), e);
    } catch (UnresolvedAddressException e) {
      throw unreachable("unknown host", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CtlException(ExitCodes.SERVICE, "interrupted while waiting for " + baseUrl, e);
    }
    int status = response.statusCode();
    String body = response.body();
    if (status >= 200 && status < 300) {
      return new ApiResponse(status, body, parse(body, request));
    }
    throw failure(request, status, body);
  }

  private CtlException unreachable(String why, Throwable cause) {
    return new CtlException(
        ExitCodes.SERVICE, "cannot reach snapshot-service at " + baseUrl + " (" + why + ")", cause);
  }

  private static String describe(IOException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    if (t instanceof ConnectException || t.getCause() instanceof ConnectException) {
      return "connection refused";
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private JsonNode parse(String body, HttpRequest request) {
    if (body == null || body.isBlank()) {
      return Json.NODES.nullNode();
    }
    try {
      return Json.read(body);
    } catch (IOException e) {
      throw new CtlException(
          ExitCodes.SERVICE,
          "snapshot-service at " + baseUrl + " answered " + request.uri().getPath() + " with something that is not JSON",
          e);
    }
  }

  private CtlException failure(HttpRequest request, int status, String body) {
    String detail = detail(body);
    String what = status + " " + reason(status) + (detail.isEmpty() ? "" : ": " + detail);
    String where = request.method() + " " + baseUrl + request.uri().getRawPath();
    if (status == 401 || status == 403) {
      return new CtlException(ExitCodes.SERVICE, "snapshot-service refused " + where + ": " + what);
    }
    if (status == 409) {
      return new CtlException(ExitCodes.NO, detail.isEmpty() ? "conflict (409) at " + where : detail);
    }
    if (status >= 400 && status < 500) {
      return new CtlException(ExitCodes.USAGE, "snapshot-service rejected " + where + ": " + what);
    }
    return new CtlException(ExitCodes.SERVICE, "snapshot-service failed " + where + ": " + what);
  }

  /** The problem+json {@code detail}, or the start of whatever else came back. */
  static String detail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode json = Json.read(body);
      String detail = Json.text(json, "detail");
      if (detail != null) {
        return detail;
      }
      String title = Json.text(json, "title");
      if (title != null) {
        return title;
      }
    } catch (IOException notJson) {
      // fall through: show the start of the body
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }

  private static String query(Map<String, String> params) {
    StringJoiner joiner = new StringJoiner("&", "?", "");
    joiner.setEmptyValue("");
    params.forEach(
        (name, value) -> {
          if (value != null) {
            joiner.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return joiner.toString();
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
