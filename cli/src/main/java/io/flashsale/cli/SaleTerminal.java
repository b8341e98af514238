package io.flashsale.cli;

import io.flashsale.simulator.LiveOutcome;
import io.flashsale.simulator.Outcome;
import io.flashsale.simulator.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shows a simulated sale in the terminal: a progress bar with the running figures, redrawn in place
 * on a terminal and printed as lines elsewhere, and the summary at the end.
 */
final class SaleTerminal {

  private static final int BAR = 30;

  private final PrintStream out;
  private final boolean redraw;

  SaleTerminal(PrintStream out) {
    this.out = out;
    this.redraw = System.console() != null;
  }

  void progress(Progress p) {
    int filled = (int) Math.round(p.fraction() * BAR);
    String line =
        String.format(
            Locale.ROOT,
            "[%s%s] %3.0f%% %s of %s | sold %d of %d %s | holds %d granted, %d refused"
                + " | quota changes %d | fraud alerts %d | oversells %d",
            "#".repeat(filled),
            " ".repeat(BAR - filled),
            100 * p.fraction(),
            hoursAndMinutes(p.saleTime()),
            hoursAndMinutes(p.saleLength()),
            p.sold(),
            p.stockUnits(),
            p.soldUnits(),
            p.holdsGranted(),
            p.holdsRefused(),
            p.quotaChanges(),
            p.fraudAlerts(),
            p.oversellIncidents());
    if (redraw) {
      out.print("\r\033[2K" + line);
      out.flush();
    } else {
      out.println(line);
    }
  }

  void summary(LiveOutcome live) {
    Outcome outcome = live.outcome();
    if (redraw) {
      out.println();
    }
    out.printf(
        Locale.ROOT,
        "%nThe sale, played in %d s:%n"
            + "  oversells            %d units oversold, %d oversell incidents%n"
            + "  sell-through         %.1f%% (%d of %d units: %s)%n"
            + "  stranded units       %d (left unsold while someone was turned away)%n"
            + "  rejected after hold  %d of %d checkouts%n"
            + "  quota moves          %s%n"
            + "  fraud alerts         %s%n"
            + "  dead letters         %d%n",
        live.wallTime().toSeconds(),
        outcome.oversoldUnits(),
        live.oversellIncidents(),
        100 * outcome.sellThrough(),
        outcome.shippedUnits(),
        outcome.stockUnits(),
        listed(outcome.soldUnits()),
        outcome.strandedUnits(),
        outcome.checkoutsRejectedAfterHold(),
        outcome.checkouts(),
        listed(live.quotaChanges()),
        listed(live.fraudAlerts()),
        live.deadLetters());
  }

  private static String listed(Map<String, Long> counts) {
    return counts.isEmpty()
        ? "none"
        : counts.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  static String hoursAndMinutes(Duration d) {
    return String.format(Locale.ROOT, "%d:%02d", d.toHours(), d.toMinutesPart());
  }
}
