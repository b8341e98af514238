package io.flashsale.inventory.allocation;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.channels.Channels;
import io.flashsale.config.YamlFiles;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/** The channels and the allocation policy, as written in an allocation.yaml. */
public record AllocationConfig(List<ChannelConfig> channels, AllocationPolicy policy)
    implements Serializable {

  /** The defaults shipped in flink-conf/allocation.yaml, bundled into the jobs jar. */
  public static final String DEFAULT_RESOURCE = "allocation.yaml";

  public static AllocationConfig defaults() {
    return YamlFiles.readResource(DEFAULT_RESOURCE, AllocationConfig.class);
  }

  public static AllocationConfig read(Path file) {
    return YamlFiles.read(file, AllocationConfig.class);
  }

  public Channels channelSet() {
    return new Channels(channels);
  }
}
