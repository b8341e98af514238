package io.flashsale.bench;

import io.flashsale.events.CartEvent;
import io.flashsale.events.Decision;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A job the benchmark measures, and how to read the answer to a hold request from its output. */
enum Subject {
  INVENTORY("inventory", InventoryJob.NAME, true) {
    @Override
    void build(StreamExecutionEnvironment env, Configuration config) {
      InventoryJob.build(env, config);
    }

    @Override
    String outputTopic(Topics topics) {
      return topics.reservationsDecisions();
    }

    @Override
    String requestOf(byte[] value) {
      return EventJson.read(value, Decision.class).requestEventId();
    }
  },

  IDENTITY("identity", IdentityJob.NAME, false) {
    @Override
    void build(StreamExecutionEnvironment env, Configuration config) {
      IdentityJob.build(env, config);
    }

    @Override
    String outputTopic(Topics topics) {
      return IdentityJob.outputTopic(topics);
    }

    @Override
    String requestOf(byte[] value) {
      return EventJson.read(value, CartEvent.class).eventId();
    }
  };

  final String label;
  final String jobName;

  /** Whether the job needs stock received before holds can be granted. */
  final boolean needsStock;

  Subject(String label, String jobName, boolean needsStock) {
    this.label = label;
    this.jobName = jobName;
    this.needsStock = needsStock;
  }

  abstract void build(StreamExecutionEnvironment env, Configuration config);

  /** Where the answer to each hold request appears, one record per request. */
  abstract String outputTopic(Topics topics);

  /** The eventId of the hold request an output record answers. */
  abstract String requestOf(byte[] value);
}
