package io.flashsale.simulator;

import io.flashsale.embedded.marketplaces.MarketplaceStandIn;
import io.flashsale.local.LocalJob;
import io.flashsale.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;

/**
 * Everything a simulated sale runs on, on this machine: an in-process Kafka broker, a PostgreSQL
 * when this machine has one, local stand-ins for the marketplaces' APIs, and a local Flink cluster
 * running the inventory, fraud, channel sync and table sync jobs with the scenario's time scale.
 */
public final class SaleStack implements AutoCloseable {

  private static final List<LocalJob> JOBS =
      List.of(LocalJob.INVENTORY, LocalJob.FRAUD, LocalJob.CHANNEL_SYNC, LocalJob.TABLE_SYNC);

  private final Scenario scenario;
  private final LocalStack local;
  private final MarketplaceStandIn marketplaces;
  private final Path workDir;
  private final URI webUi;

  private SaleStack(
      Scenario scenario,
      LocalStack local,
      MarketplaceStandIn marketplaces,
      Path workDir,
      URI webUi) {
    this.scenario = scenario;
    this.local = local;
    this.marketplaces = marketplaces;
    this.workDir = workDir;
    this.webUi = webUi;
  }

  /**
   * Starts the stack for {@code scenario}, with {@code flinkConfig}'s settings (those of
   * flink-conf/config.yaml), the web UI on {@code webPort} (0: any free port).
   */
  public static SaleStack start(Scenario scenario, Configuration flinkConfig, int webPort)
      throws Exception {
    Path workDir = Files.createTempDirectory("flashsale-simulation");
    Configuration config = new Configuration(flinkConfig);
    int parallelism = config.get(CoreOptions.DEFAULT_PARALLELISM);
    MarketplaceStandIn marketplaces = MarketplaceStandIn.start(freshCredentials());
    LocalStack local = null;
    try {
      marketplaces
          .channelConfiguration(workDir.resolve("secrets"), scenario.products().skus())
          .forEach(config::setString);
      new TimeScale(scenario.speed()).configure(config, scenario, workDir);
      local = LocalStack.withEmbeddedServers(config);
      URI webUi = local.startCluster(webPort, JOBS.size() * parallelism);
      local.submit(JOBS);
      return new SaleStack(scenario, local, marketplaces, workDir, webUi);
    } catch (Exception | Error e) {
      if (local != null) {
        local.close();
      }
      marketplaces.close();
      throw e;
    }
  }

  /** Plays {@code visits} on the stack; {@code progress} hears how it goes every second. */
  public LiveOutcome play(List<Visit> visits, Consumer<Progress> progress)
      throws InterruptedException {
    try (LiveSale sale = new LiveSale(scenario, local, marketplaces)) {
      return sale.play(visits, progress, Duration.ofSeconds(1));
    }
  }

  public String scenarioName() {
    return scenario.name();
  }

  public URI webUi() {
    return webUi;
  }

  public LocalStack local() {
    return local;
  }

  /** Stand-in credentials of this run only: they exist so that the connectors authenticate. */
  private static MarketplaceStandIn.Credentials freshCredentials() {
    SecureRandom random = new SecureRandom();
    String[] values = new String[6];
    for (int i = 0; i < values.length; i++) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      values[i] = HexFormat.of().formatHex(bytes);
    }
    return new MarketplaceStandIn.Credentials(
        "shpat_" + values[0], values[1], values[2], values[3], values[4], values[5]);
  }

  @Override
  public void close() {
    local.close();
    marketplaces.close();
    try (var files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
