package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;

@QuarkusTest
@SnapshotServiceTestResources
class ChangePageTest {

    @Inject
    DataSource dataSource;

    @Test
    void sourceWithMarkupIsEscapedAndTheDiffMarksRemovedAndAddedLines() throws Exception {
        StageScenario s = new StageScenario("page", dataSource);
        Source before = new Source("render", "def render(x):\n    return '<b>' + x\n");
        Source after = new Source("render", "def render(x):\n    return '<script>alert(1)</script>' + x\n");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(5));
        String h1 = VersionHash.compute("python", before, List.of());
        String h2 = VersionHash.compute("python", after, List.of());
        s.publish(new VersionObserved(UUID.randomUUID().toString(), 1, t, s.jobId, s.stage, h1, VersionHash.ALGORITHM,
                "python", before, List.of(), Map.of(h1, 3L), "w"));
        s.publish(new VersionObserved(UUID.randomUUID().toString(), 1, t.plusSeconds(60), s.jobId, s.stage, h2,
                VersionHash.ALGORITHM, "python", after, List.of(), Map.of(h1, 3L), "w"));
        StageScenario.await("change open", () -> s.openChangeFrom(h1) != null);
        String changeId = (String) s.openChangeFrom(h1).get("changeId");

        String html = given().get("/changes/" + changeId).then().statusCode(200).contentType("text/html")
                .extract().asString();

        assertFalse(html.contains("<script>alert(1)</script>"), "source text must be escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("<span class=\"del\">-    return &#39;&lt;b&gt;&#39; + x</span>")
                || html.contains("<span class=\"del\">-    return &#x27;&lt;b&gt;&#x27; + x</span>"), html);
        assertTrue(html.contains("<span class=\"add\">+    return"), html);
        assertTrue(html.contains("jobctl bless " + s.jobId + " " + s.stage + " --change " + changeId), html);
        assertTrue(html.contains("TRIAGING"), html);
    }

    @Test
    void anUnknownChangeIsNotFound() {
        given().get("/changes/c-does-not-exist").then().statusCode(404);
    }
}
