package io.flashsale.cli;

import io.flashsale.local.LocalStack;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Plays a scenario against the system and the baseline policies, and compares them. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Plays a flash-sale scenario: shoppers, bots and coupon abusers on the own store and"
            + " buyers on marketplaces that apply quotas and report orders late, against the"
            + " running system on a local stack and against baseline policies on the same"
            + " demand; prints one table of the results.")
final class SimulateCommand implements Callable<Integer> {

  static final String SYSTEM = "flashsale";

  @Option(
      names = "--scenario",
      required = true,
      description =
          "A scenario YAML file, or a shipped one by name: prime-day, own-store-flash-sale,"
              + " quiet-week.")
  String scenario;

  @Option(
      names = "--policies",
      split = ",",
      defaultValue = "flashsale,full-count-sync,static-split",
      description = "Which to play: flashsale (the system itself), full-count-sync, static-split.")
  List<String> policies;

  @Option(names = "--flink-conf", defaultValue = FlashsaleCommand.HOME + "/flink-conf")
  Path flinkConf;

  @Option(names = "--web-port", defaultValue = "8081", description = "Port of Flink's web UI.")
  int webPort;

  @Override
  public Integer call() throws Exception {
    Scenario sale = Scenario.load(scenario);
    List<Baseline> baselines = new ArrayList<>();
    for (String policy : policies) {
      if (!policy.equals(SYSTEM)) {
        baselines.add(Baseline.of(policy));
      }
    }
    System.out.printf("%s%n%s%n%n", sale.name(), sale.description());
    List<Visit> visits = DemandTrace.of(sale);
    List<Outcome> outcomes = new ArrayList<>();
    if (policies.contains(SYSTEM)) {
      outcomes.add(playLive(sale, visits, flinkConf, webPort, stack -> {}).outcome());
    }
    for (Baseline baseline : baselines) {
      outcomes.add(BaselineWorld.play(sale, baseline, visits));
    }
    System.out.printf("%nThe same demand (%d visits) under each policy:%n%n", visits.size());
    System.out.print(ComparisonTable.of(outcomes));
    return 0;
  }

  /** What to do on the stack once the sale is over, before it stops. */
  @FunctionalInterface
  interface AfterSale {
    void accept(SaleStack stack) throws Exception;
  }

  /** Plays the visits on a local stack, showing progress, and prints the summary. */
  static LiveOutcome playLive(
      Scenario sale, List<Visit> visits, Path flinkConf, int webPort, AfterSale afterSale)
      throws Exception {
    SaleTerminal terminal = new SaleTerminal(System.out);
    try (SaleStack stack =
        SaleStack.start(sale, LocalStack.flinkConfiguration(flinkConf), webPort)) {
      System.out.printf(
          "Flink web UI: %s%nMetrics:      %s%nKafka:        %s%n"
              + "Playing %s of sale at %.0fx speed: %d s.%n%n",
          stack.webUi(),
          stack.local().metricsEndpoint().map(Object::toString).orElse("not served"),
          stack.local().kafkaProperties().getProperty("bootstrap.servers"),
          SaleTerminal.hoursAndMinutes(sale.duration()),
          sale.speed(),
          sale.duration().dividedBy((long) sale.speed()).toSeconds());
      LiveOutcome live = stack.play(visits, terminal::progress);
      terminal.summary(live);
      afterSale.accept(stack);
      return live;
    }
  }
}
