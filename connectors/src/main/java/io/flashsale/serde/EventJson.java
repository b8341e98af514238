package io.flashsale.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.flashsale.events.InputEvent;
import io.flashsale.events.InvalidEventException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * JSON for every event of the contract: one object, UTF-8, camelCase fields, unknown fields
 * ignored, times as {@link EventTimes}. Reading an input is strict: a mistyped, missing or invalid
 * field fails with a reason that names it, never with a silently coerced value.
 */
public final class EventJson {

  /** Deeper JSON is not an event; refusing it early keeps parsing cost bounded. */
  private static final int MAX_NESTING_DEPTH = 16;

  private static final ObjectMapper MAPPER = newMapper();

  private EventJson() {}

  /**
   * Parses and validates an input event.
   *
   * @throws InvalidEventException with the reason the record breaks the contract
   */
  public static <T extends InputEvent> T decode(byte[] json, Class<T> type) {
    T event = readChecked(json, type);
    event.validate();
    return event;
  }

  /** Parses any event of the contract, without validating it (for consumers of our outputs). */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] write(Object event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  public static String writeString(Object event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  private static <T> T readChecked(byte[] json, Class<T> type) {
    try {
      T event = MAPPER.readValue(json, type);
      if (event == null) {
        throw new InvalidEventException("the record is JSON null, not an object");
      }
      return event;
    } catch (StreamConstraintsException e) {
      throw new InvalidEventException("JSON over a parsing limit: " + e.getOriginalMessage());
    } catch (StreamReadException e) {
      throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage());
    } catch (InvalidFormatException e) {
      throw new InvalidEventException(invalidValue(e));
    } catch (MismatchedInputException e) {
      throw new InvalidEventException(mismatch(e));
    } catch (JsonMappingException e) {
      throw new InvalidEventException(field(e) + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidEventException("unreadable record: " + e.getMessage());
    }
  }

  private static String invalidValue(InvalidFormatException e) {
    Class<?> target = e.getTargetType();
    if (target != null && target.isEnum()) {
      String allowed =
          Arrays.stream(target.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
      return field(e) + "unknown value " + e.getValue() + ", expected one of " + allowed;
    }
    return field(e) + e.getOriginalMessage();
  }

  private static String mismatch(MismatchedInputException e) {
    if (e.getPath().isEmpty()) {
      return "the record must be a JSON object";
    }
    Class<?> target = e.getTargetType();
    String expected =
        target == null
            ? "a different type"
            : switch (target.getSimpleName()) {
              case "Integer", "int", "Long", "long" -> "an integer";
              case "Double", "double" -> "a number";
              case "String" -> "a string";
              case "Instant" -> "an ISO-8601 UTC time string";
              case "List" -> "an array";
              default -> target.isEnum() ? "one of its enum names as a string" : "an object";
            };
    return field(e) + "expected " + expected;
  }

  private static String field(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "" : "field '" + path + "': ";
  }

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(timeModule())
            .build();
    // Each scalar accepts only its own JSON shape: "5" is not a quantity, 5 is not a SKU.
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(64)
                .build());
    return mapper;
  }

  private static SimpleModule timeModule() {
    SimpleModule module = new SimpleModule("contract-times");
    module.addSerializer(
        Instant.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(EventTimes.format(value));
          }
        });
    module.addDeserializer(
        Instant.class,
        new JsonDeserializer<>() {
          @Override
          public Instant deserialize(JsonParser parser, DeserializationContext context)
              throws IOException {
            if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
              return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            try {
              return EventTimes.parse(text);
            } catch (IllegalArgumentException e) {
              throw context.weirdStringException(text, Instant.class, e.getMessage());
            }
          }
        });
    return module;
  }
}
