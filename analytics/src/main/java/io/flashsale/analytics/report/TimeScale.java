package io.flashsale.analytics.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps instants onto pixels along the x axis and picks tick instants at round UTC times (every 1,
 * 5, 15 minutes, every hour, ...). Labels are UTC {@code HH:mm}; when the range crosses midnight
 * each label also carries its date, so that 00:30 on the second day is not read as the first.
 * Points that all share one instant get a two-minute range around it rather than a zero-width one.
 */
final class TimeScale {

  private static final long[] STEPS_SECONDS = {
    1,
    2,
    5,
    10,
    15,
    30,
    60,
    120,
    300,
    600,
    900,
    1800,
    3600,
    7200,
    10800,
    21600,
    43200,
    86400,
    2 * 86400L,
    7 * 86400L,
    14 * 86400L,
    28 * 86400L
  };
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final Instant start;
  private final Instant end;
  private final double spanSeconds;
  private final long stepSeconds;
  private final double pxLeft;
  private final double pxRight;

  private TimeScale(Instant start, Instant end, long stepSeconds, double pxLeft, double pxRight) {
    this.start = start;
    this.end = end;
    this.spanSeconds = seconds(start, end);
    this.stepSeconds = stepSeconds;
    this.pxLeft = pxLeft;
    this.pxRight = pxRight;
  }

  static TimeScale covering(Instant first, Instant last, double pxLeft, double pxRight) {
    Instant start = first;
    Instant end = last;
    if (!end.isAfter(start)) {
      start = first.minusSeconds(60);
      end = first.plusSeconds(60);
    }
    boolean spansDays = !DATE.format(start).equals(DATE.format(end));
    double labelWidth = Svg.textWidth(spansDays ? "0000-00-00" : "00:00:00") + 40;
    int maxTicks = Math.max(2, (int) ((pxRight - pxLeft) / labelWidth));
    double span = seconds(start, end);
    long step = 0;
    for (long candidate : STEPS_SECONDS) {
      if (span / candidate <= maxTicks - 1) {
        step = candidate;
        break;
      }
    }
    if (step == 0) {
      step = 86400L * (long) Math.ceil(span / (maxTicks - 1) / 86400);
    }
    return new TimeScale(start, end, step, pxLeft, pxRight);
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return end;
  }

  double px(Instant t) {
    return pxLeft + seconds(start, t) / spanSeconds * (pxRight - pxLeft);
  }

  /** Instants at whole multiples of the step (UTC), within the range; the start if none is. */
  List<Instant> ticks() {
    List<Instant> ticks = new ArrayList<>();
    long first = Math.floorDiv(start.getEpochSecond(), stepSeconds) * stepSeconds;
    for (long s = first; s <= end.getEpochSecond(); s += stepSeconds) {
      Instant tick = Instant.ofEpochSecond(s);
      if (!tick.isBefore(start) && !tick.isAfter(end)) {
        ticks.add(tick);
      }
    }
    if (ticks.isEmpty()) {
      ticks.add(start);
    }
    return ticks;
  }

  boolean spansDays() {
    return !DATE.format(start).equals(DATE.format(end));
  }

  /** A tick's label: its time, and under it its date when the range spans days. */
  List<String> label(Instant tick) {
    String time = (stepSeconds < 60 ? SECONDS : MINUTES).format(tick);
    return spansDays() ? List.of(time, DATE.format(tick)) : List.of(time);
  }

  /** The axis caption: the time zone, and the date when all ticks share one. */
  String caption() {
    return spansDays() ? "time (UTC)" : "time (UTC, " + DATE.format(start) + ")";
  }

  private static double seconds(Instant from, Instant to) {
    return (to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) / 1e9;
  }
}
