package dev.stalewatch.ctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Colour on a terminal only, never with NO_COLOR or TERM=dumb, unless forced. */
class StyleTest {

  @Test
  void autoColoursATerminalOnly() {
    assertTrue(Style.decide(Style.When.AUTO, true, null, "xterm").enabled());
    assertFalse(Style.decide(Style.When.AUTO, false, null, "xterm").enabled(), "piped");
    assertFalse(Style.decide(Style.When.AUTO, true, "1", "xterm").enabled(), "NO_COLOR");
    assertFalse(Style.decide(Style.When.AUTO, true, null, "dumb").enabled(), "TERM=dumb");
  }

  @Test
  void explicitChoiceWins() {
    assertTrue(Style.decide(Style.When.ALWAYS, false, "1", "dumb").enabled());
    assertFalse(Style.decide(Style.When.NEVER, true, null, "xterm").enabled());
  }

  @Test
  void diffLinesAreColouredByKind() {
    Style s = Style.decide(Style.When.ALWAYS, false, null, null);
    assertEquals("\u001b[32m+x\u001b[0m", s.diffLine("+x"));
    assertEquals("\u001b[31m-x\u001b[0m", s.diffLine("-x"));
    assertEquals("\u001b[36m@@ -1 +1 @@\u001b[0m", s.diffLine("@@ -1 +1 @@"));
    assertEquals("\u001b[1m--- old\u001b[0m", s.diffLine("--- old"));
    assertEquals(" same", s.diffLine(" same"));
    assertEquals("+x", Style.plain().diffLine("+x"));
  }
}
