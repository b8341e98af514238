package io.flashsale.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line of the test JVM at INFO and above, with its stack trace: Flink's, the Kafka
 * clients' and brokers', and the jobs' own.
 */
public final class LogCapture extends AbstractAppender {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  public LogCapture() {
    super("capture", null, null, true, Property.EMPTY_ARRAY);
  }

  @Override
  public void append(LogEvent event) {
    StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
      line.append(" | ").append(t);
    }
    lines.add(line.toString());
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Lowers the root level to INFO for this appender only; the console keeps WARN. */
  public void install() {
    start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig root = context.getConfiguration().getRootLogger();
    Appender console = root.getAppenders().get("console");
    if (console != null) {
      root.removeAppender("console");
      root.addAppender(console, Level.WARN, null);
    }
    root.setLevel(Level.INFO);
    root.addAppender(this, Level.INFO, null);
    context.updateLoggers();
  }

  public void uninstall() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(getName());
    context.updateLoggers();
    stop();
  }
}
