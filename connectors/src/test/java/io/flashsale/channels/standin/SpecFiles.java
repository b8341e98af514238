package io.flashsale.channels.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The spec files on the test classpath, copied unchanged from their publishers. */
final class SpecFiles {

  private SpecFiles() {}

  static String read(String file) {
    try (InputStream in = SpecFiles.class.getResourceAsStream("/marketplace-specs/" + file)) {
      if (in == null) {
        throw new IllegalStateException("No spec file marketplace-specs/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
