package dev.stalewatch.ctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text layout of {@code jobctl stale}: the original plan's table, widened when names are long. */
class StaleViewTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text.replace('\'', '"'));
  }

  private static String render(JsonNode report) {
    return String.join("\n", StaleView.render(report, "24h", Style.plain())) + "\n";
  }

  @Test
  void pendingStagesUseThePlansColumnsAndHints() throws Exception {
    JsonNode report = json("{'pending':[{'jobId':'vic_ideas','stage':'extract','currentHash':'9a4e1c2b77aa00ff',"
        + "'staleItems':1200,'changes':[{'changeId':'c-1','state':'PENDING'}],'warnings':[]},"
        + "{'jobId':'vic_ideas','stage':'score','currentHash':'5b0d77aa11','staleItems':3,"
        + "'changes':[{'changeId':'c-2','state':'TRIAGING'},{'changeId':'c-3','state':'PENDING'}],'warnings':[]}],"
        + "'autoBlessed':[],'nextCursor':null}");
    assertEquals("""
        Pending decisions:

          Job                            Stage                 Stale Items  Hash      Status
          ---                            -----                 -----------  ----      ------
          vic_ideas                      extract                      1200  9a4e1c2b  pending
          vic_ideas                      score                           3  5b0d77aa  1 pending, 1 triaging

        Use 'jobctl bless JOB STAGE' to mark as equivalent
        Use 'jobctl reset JOB STAGE' to reprocess stale items
        """, render(report));
  }

  @Test
  void columnsWidenForLongNames() throws Exception {
    String longJob = "a_really_long_job_name_that_goes_past_thirty";
    String longStage = "stage_with_a_long_name_too";
    JsonNode report = json("{'pending':[{'jobId':'" + longJob + "','stage':'" + longStage
        + "','currentHash':'0123456789','staleItems':7,'changes':[{'state':'PENDING'}],'warnings':[]},"
        + "{'jobId':'j','stage':'s','currentHash':'abcdefabcdef','staleItems':12345,'changes':[{'state':'PENDING'}],"
        + "'warnings':[]}],'autoBlessed':[],'nextCursor':null}");
    List<String> lines = List.of(render(report).split("\n"));
    String header = lines.get(2);
    String first = lines.get(4);
    String second = lines.get(5);
    assertEquals("  Job" + " ".repeat(longJob.length() - 3) + " Stage" + " ".repeat(longStage.length() - 5)
        + "  Stale Items  Hash      Status", header);
    assertEquals("  " + longJob + " " + longStage + "            7  01234567  pending", first);
    // every row keeps the columns aligned under the header
    assertEquals(header.indexOf("Hash"), first.indexOf("01234567"));
    assertEquals(header.indexOf("Hash"), second.indexOf("abcdefab"));
    assertEquals(header.indexOf("Stale Items") + "Stale Items".length(), second.indexOf("12345") + 5);
  }

  @Test
  void nothingPendingSaysSoAndStillListsWarningsAndAutoBlessed() throws Exception {
    JsonNode report = json("{'pending':[{'jobId':'vic','stage':'extract','currentHash':'9a4e1c2b77',"
        + "'staleItems':1200,'changes':[],'warnings':['reset requested, 1200 still stale']}],"
        + "'autoBlessed':[{'jobId':'vic','stage':'score','changeId':'c-9','oldHash':'1111111111','newHash':'2222222222',"
        + "'method':'STRUCTURAL','reason':'Only comments and layout changed.','decidedAt':'2026-11-27T10:00:00Z'},"
        + "{'jobId':'vic','stage':'extract','changeId':'c-8','oldHash':'3333333333','newHash':'4444444444',"
        + "'method':'LLM','reason':'Renamed a local variable.\\nNo behaviour change.','decidedAt':'2026-11-27T09:00:00Z'}],"
        + "'nextCursor':null}");
    assertEquals("""
        No pending version changes.

        Warnings:

          vic/extract: reset requested, 1200 still stale

        Auto-blessed (last 24h):

          Job                            Stage                Decided by       Reason
          ---                            -----                ----------       ------
          vic                            score                structural proof Only comments and layout changed.
          vic                            extract              LLM              Renamed a local variable. No behaviour change.
        """, render(report));
  }

  @Test
  void emptyReportIsOneLine() throws Exception {
    assertEquals("No pending version changes.\n",
        render(json("{'pending':[],'autoBlessed':[],'nextCursor':null}")));
  }

  @Test
  void colourOnlyWhenEnabled() throws Exception {
    JsonNode report = json("{'pending':[{'jobId':'j','stage':'s','currentHash':'0123456789','staleItems':1,"
        + "'changes':[{'state':'PENDING'}],'warnings':['older version x still reported']}],'autoBlessed':[]}");
    String coloured = String.join("\n", StaleView.render(report, "24h",
        Style.decide(Style.When.ALWAYS, false, null, null)));
    assertTrue(coloured.contains("\u001b[1mPending decisions:\u001b[0m"), coloured);
    assertTrue(!render(report).contains("\u001b["));
  }
}
