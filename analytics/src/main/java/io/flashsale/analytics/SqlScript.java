package io.flashsale.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of Flink SQL statements as the SQL client reads it: statements end with a semicolon,
 * {@code --} starts a comment to the end of the line, and neither counts inside a quoted string or
 * identifier.
 */
public record SqlScript(Path file, List<String> statements) {

  public static SqlScript read(Path file) {
    try {
      return new SqlScript(file, split(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<String> split(String text) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        current.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '`') {
        quote = c;
        current.append(c);
      } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end - 1;
      } else if (c == ';') {
        addIfAny(statements, current);
      } else {
        current.append(c);
      }
    }
    addIfAny(statements, current);
    return List.copyOf(statements);
  }

  private static void addIfAny(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
