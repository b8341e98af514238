package io.flashsale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flashsale} command. */
@Command(
    name = "flashsale",
    mixinStandardHelpOptions = true,
    version = "flashsale 0.1.0",
    description = "Flash-sale inventory without overselling, on Apache Flink and Kafka.",
    subcommands = {
      RunCommand.class,
      SendCommand.class,
      TailCommand.class,
      TopicsCommand.class,
      MigrateCommand.class,
      SqlCommand.class,
      ReportCommand.class,
      SimulateCommand.class,
      DemoCommand.class
    })
public final class FlashsaleCommand {

  /**
   * The repository the command runs from, which the flashsale script passes: the default flink-conf
   * and sql directories are found there from any working directory.
   */
  static final String HOME = "${sys:flashsale.home:-.}";

  public static void main(String[] args) {
    System.exit(new CommandLine(new FlashsaleCommand()).execute(args));
  }
}
