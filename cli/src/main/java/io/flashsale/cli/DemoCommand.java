package io.flashsale.cli;

import io.flashsale.analytics.PostSaleReport;
import io.flashsale.analytics.SqlConnections;
import io.flashsale.analytics.SqlRunner;
import io.flashsale.config.KafkaOptions;
import io.flashsale.config.PostgresOptions;
import io.flashsale.simulator.Baseline;
import io.flashsale.simulator.BaselineWorld;
import io.flashsale.simulator.ComparisonTable;
import io.flashsale.simulator.DemandTrace;
import io.flashsale.simulator.LiveOutcome;
import io.flashsale.simulator.Outcome;
import io.flashsale.simulator.SaleStack;
import io.flashsale.simulator.Scenario;
import io.flashsale.simulator.Visit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one-command demo: a flash sale played on a local stack with the inventory, fraud, channel
 * sync and table sync jobs, shown live, summed up, compared with the baselines and reported.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Starts an in-process Kafka broker, a PostgreSQL if this machine has one, marketplace"
            + " stand-ins and a local Flink cluster with its web UI; plays a flash sale on them"
            + " with progress shown; then prints the summary, the same demand under the baseline"
            + " policies, and writes the post-sale report.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--scenario",
      defaultValue = "own-store-flash-sale",
      description = "A scenario file or a shipped scenario's name (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--flink-conf", defaultValue = FlashsaleCommand.HOME + "/flink-conf")
  Path flinkConf;

  @Option(
      names = "--sql-dir",
      defaultValue = FlashsaleCommand.HOME + "/sql",
      description = "The SQL files of the report.")
  Path sqlDir;

  @Option(names = "--web-port", defaultValue = "8081", description = "Port of Flink's web UI.")
  int webPort;

  @Option(
      names = "--report",
      defaultValue = "post-sale-report.html",
      description = "Where to write the post-sale report (default: ${DEFAULT-VALUE}).")
  Path report;

  @Override
  public Integer call() throws Exception {
    Scenario sale = Scenario.load(scenario);
    System.out.printf("%s%n%s%n%n", sale.name(), sale.description());
    List<Visit> visits = DemandTrace.of(sale);
    LiveOutcome live =
        SimulateCommand.playLive(sale, visits, flinkConf, webPort, this::writeReport);
    List<Outcome> outcomes = new ArrayList<>(List.of(live.outcome()));
    for (Baseline baseline : Baseline.values()) {
      outcomes.add(BaselineWorld.play(sale, baseline, visits));
    }
    System.out.printf("%nThe same demand under the baseline policies:%n%n");
    System.out.print(ComparisonTable.of(outcomes));
    return live.outcome().oversoldUnits() == 0 && live.oversellIncidents() == 0 ? 0 : 1;
  }

  private void writeReport(SaleStack stack) throws Exception {
    Configuration config = stack.local().config();
    if (!stack.local().hasPostgres()) {
      System.out.println("No PostgreSQL on this machine: no post-sale report.");
      return;
    }
    System.out.println("\nWriting the post-sale report...");
    SqlConnections connections =
        new SqlConnections(
            config.get(KafkaOptions.BOOTSTRAP_SERVERS),
            config.get(KafkaOptions.TOPIC_PREFIX),
            config.get(PostgresOptions.URL),
            PostgresOptions.schema(config),
            config.get(PostgresOptions.USERNAME),
            config.get(PostgresOptions.PASSWORD),
            true);
    SqlRunner runner = SqlRunner.open(sqlDir, connections, false, new Configuration());
    Path page = PostSaleReport.build(runner, stack.scenarioName()).write(report);
    System.out.println("Post-sale report: " + page.toAbsolutePath().toUri());
  }
}
