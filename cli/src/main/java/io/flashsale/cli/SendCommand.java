package io.flashsale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashsale.serde.EventTimes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Produces JSON events, one per line, to an input topic, keyed as the contract says. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description =
        "Sends JSON events, one per line, to a topic of the contract, keyed by their sku (or"
            + " saleId on sales.calendar).")
final class SendCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin KafkaArguments kafka;

  @Option(names = "--topic", required = true, description = "e.g. storefront.carts")
  String topic;

  @Option(
      names = "--stamp-now",
      description = "Replace each event's occurredAt with the current time.")
  boolean stampNow;

  @Parameters(arity = "0..1", description = "A file of JSON lines; standard input when absent.")
  Path file;

  @Override
  public Integer call() throws IOException {
    String target = kafka.topicPrefix + topic;
    int sent = 0;
    try (BufferedReader lines = open();
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                kafka.clientProperties(), new StringSerializer(), new StringSerializer())) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        producer.send(new ProducerRecord<>(target, keyOf(line), stamped(line)));
        sent++;
      }
    }
    System.out.println("sent " + sent + " event(s) to " + target);
    return 0;
  }

  private BufferedReader open() throws IOException {
    return file == null
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(file);
  }

  /** The sku, or the saleId for the sales calendar; lines that are not JSON are sent unkeyed. */
  private static String keyOf(String line) {
    try {
      JsonNode event = JSON.readTree(line);
      JsonNode key = event.has("sku") ? event.get("sku") : event.get("saleId");
      return key == null ? null : key.asText();
    } catch (IOException notJson) {
      return null;
    }
  }

  private String stamped(String line) throws IOException {
    if (!stampNow) {
      return line;
    }
    ObjectNode event = (ObjectNode) JSON.readTree(line);
    event.put("occurredAt", EventTimes.format(Instant.now()));
    return JSON.writeValueAsString(event);
  }
}
