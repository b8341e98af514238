package io.flashsale.local;

import io.flashsale.channels.ChannelSyncJob;
import io.flashsale.fraud.FraudJob;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.tables.TableSyncJob;
import java.util.function.BiConsumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The jobs a {@link LocalStack} can run. */
public enum LocalJob {
  INVENTORY(InventoryJob.NAME, InventoryJob::build),
  FRAUD(FraudJob.NAME, FraudJob::build),
  TABLE_SYNC(TableSyncJob.NAME, TableSyncJob::build),
  CHANNEL_SYNC(ChannelSyncJob.NAME, ChannelSyncJob::build);

  private final String jobName;
  private final BiConsumer<StreamExecutionEnvironment, Configuration> definition;

  LocalJob(String jobName, BiConsumer<StreamExecutionEnvironment, Configuration> definition) {
    this.jobName = jobName;
    this.definition = definition;
  }

  public String jobName() {
    return jobName;
  }

  void define(StreamExecutionEnvironment env, Configuration config) {
    definition.accept(env, config);
  }
}
