package io.flashsale.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The lines the project's own loggers ({@code io.flashsale}) write at INFO and above, kept. */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {

  /** One line: its level and message. */
  record Line(Level level, String message) {}

  private static final String PROJECT = "io.flashsale";

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

  private CapturedLogs() {
    super("captured", null, null, true, Property.EMPTY_ARRAY);
  }

  static CapturedLogs capture() {
    CapturedLogs captured = new CapturedLogs();
    captured.start();
    LoggerConfig project = new LoggerConfig(PROJECT, Level.INFO, true);
    project.addAppender(captured, Level.INFO, null);
    captured.context.getConfiguration().addLogger(PROJECT, project);
    captured.context.updateLoggers();
    return captured;
  }

  @Override
  public void append(LogEvent event) {
    lines.add(new Line(event.getLevel(), event.getMessage().getFormattedMessage()));
  }

  List<Line> lines() {
    return lines;
  }

  @Override
  public void close() {
    context.getConfiguration().removeLogger(PROJECT);
    context.updateLoggers();
    stop();
  }
}
