package dev.stalewatch.notifier.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import dev.stalewatch.testkit.JvmWide;

/**
 * A webhook endpoint on 127.0.0.1 that records every POST to {@code /hook} and answers 200, or 503 for the
 * next n requests. One per JVM: the test profile that configures it and the test that reads it are loaded
 * by different class loaders, so both reach it by its URL and read its records over HTTP.
 * (A candidate for testkit's stubs if another service grows a webhook.)
 */
public final class WebhookReceiver {

    public record Received(String idempotencyKey, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String baseUrl;

    private WebhookReceiver(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static WebhookReceiver shared() {
        return new WebhookReceiver(JvmWide.getOrCreate("notifier-test.webhook-receiver-url",
                WebhookReceiver::startServer));
    }

    public String url() {
        return baseUrl + "/hook";
    }

    public void failNext(int count) {
        call(HttpRequest.newBuilder(URI.create(baseUrl + "/fail")).POST(HttpRequest.BodyPublishers.ofString(
                Integer.toString(count))).build());
    }

    public List<Received> received() {
        String lines = call(HttpRequest.newBuilder(URI.create(baseUrl + "/received")).GET().build());
        return lines.lines().filter(line -> !line.isEmpty()).map(line -> {
            String[] parts = line.split("\t", -1);
            return new Received(parts[0].isEmpty() ? null : parts[0],
                    new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        }).toList();
    }

    private static String call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String startServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            List<String> received = new CopyOnWriteArrayList<>();
            AtomicInteger failuresLeft = new AtomicInteger();
            server.createContext("/hook", exchange -> {
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                try (InputStream in = exchange.getRequestBody()) {
                    received.add((key == null ? "" : key) + "\t" + Base64.getEncoder().encodeToString(in.readAllBytes()));
                }
                int status = failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? 503 : 200;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.createContext("/fail", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    failuresLeft.set(Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.createContext("/received", exchange -> {
                byte[] body = String.join("\n", received).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return "http://127.0.0.1:" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
