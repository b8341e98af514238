package io.flashsale.tables;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line of a run in this JVM, kept: from log4j (Flink, the jobs, the Kafka clients and
 * broker, Flyway) at least at WARN, and at the levels given for chosen loggers; and from
 * java.util.logging, which the PostgreSQL driver writes to, at every level. The console keeps
 * showing what it showed before.
 */
final class RunLogs extends AbstractAppender implements AutoCloseable {

  /** One line: the logger's name and the message, with its exception's text and its causes'. */
  record Line(String logger, String text) {}

  private static final String DRIVER = "org.postgresql";

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final Map<String, Level> levels;
  private final DriverHandler driverHandler = new DriverHandler();
  // java.util.logging holds loggers weakly: this keeps the driver's level set.
  private final java.util.logging.Logger driver = java.util.logging.Logger.getLogger(DRIVER);
  private final java.util.logging.Level driverLevelBefore = driver.getLevel();

  private RunLogs(Map<String, Level> levels) {
    super("run-logs", null, null, true, Property.EMPTY_ARRAY);
    this.levels = levels;
  }

  /** Starts keeping lines; {@code levels} lowers the level of some loggers for the run. */
  static RunLogs capture(Map<String, Level> levels) {
    RunLogs logs = new RunLogs(levels);
    logs.start();
    Configuration config = logs.context.getConfiguration();
    LoggerConfig root = config.getRootLogger();
    for (Map.Entry<String, Level> logger : levels.entrySet()) {
      // Not additive, so that the root's console does not print the lower levels.
      LoggerConfig lowered = new LoggerConfig(logger.getKey(), logger.getValue(), false);
      lowered.addAppender(logs, null, null);
      for (Appender console : root.getAppenders().values()) {
        lowered.addAppender(console, root.getLevel(), null);
      }
      config.addLogger(logger.getKey(), lowered);
    }
    root.addAppender(logs, null, null);
    logs.context.updateLoggers();
    logs.driver.setLevel(java.util.logging.Level.ALL);
    logs.driver.addHandler(logs.driverHandler);
    return logs;
  }

  @Override
  public void append(LogEvent event) {
    lines.add(
        new Line(
            event.getLoggerName(),
            event.getMessage().getFormattedMessage() + causes(event.getThrown())));
  }

  /** An exception's text and its causes', which a log line shows with its stack trace. */
  private static String causes(Throwable thrown) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      text.append(' ').append(cause);
    }
    return text.toString();
  }

  List<Line> lines() {
    return lines;
  }

  @Override
  public void close() {
    driver.removeHandler(driverHandler);
    driver.setLevel(driverLevelBefore);
    Configuration config = context.getConfiguration();
    levels.keySet().forEach(config::removeLogger);
    config.getRootLogger().removeAppender(getName());
    context.updateLoggers();
    stop();
  }

  /** The driver's records as lines, with their parameters filled in. */
  private final class DriverHandler extends Handler {

    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      lines.add(
          new Line(
              record.getLoggerName(),
              formatter.formatMessage(record) + causes(record.getThrown())));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
