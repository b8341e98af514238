package io.flashsale.cli;

import io.flashsale.kafka.TopicSetup;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the contract's topics; jobs never rely on the brokers creating them. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Creates every topic of the contract that does not exist yet.")
final class TopicsCommand implements Callable<Integer> {

  @Mixin KafkaArguments kafka;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic.")
  int partitions;

  @Override
  public Integer call() {
    List<String> created =
        TopicSetup.ensure(kafka.clientProperties(), kafka.topics().all(partitions));
    System.out.println(
        created.isEmpty() ? "all topics exist already" : "created: " + String.join(", ", created));
    return 0;
  }
}
