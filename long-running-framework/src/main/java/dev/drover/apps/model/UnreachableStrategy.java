package dev.drover.apps.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/**
 * When an unreachable instance is replaced ({@code inactiveAfterSeconds}, default 0) and when it is forgotten and
 * killed should it come back ({@code expungeAfterSeconds}, default 0): Marathon 1.5+'s defaults (1.4 used 300/600).
 * Marathon's string {@code "disabled"} ({@link #DISABLED}) never replaces nor forgets an unreachable instance.
 */
@JsonSerialize(using = UnreachableStrategy.Writer.class)
@JsonDeserialize(using = UnreachableStrategy.Reader.class)
public record UnreachableStrategy(Long inactiveAfterSeconds, Long expungeAfterSeconds) {
  public static final UnreachableStrategy DEFAULT = new UnreachableStrategy(0L, 0L);
  /** Marathon's {@code "disabled"}: both fields -1. */
  public static final UnreachableStrategy DISABLED = new UnreachableStrategy(-1L, -1L);

  public UnreachableStrategy {
    inactiveAfterSeconds = inactiveAfterSeconds == null ? 0L : inactiveAfterSeconds;
    expungeAfterSeconds = expungeAfterSeconds == null ? 0L : expungeAfterSeconds;
  }

  public boolean disabled() {
    return inactiveAfterSeconds < 0;
  }

  /** Writes {@code "disabled"} or the object. */
  static final class Writer extends JsonSerializer<UnreachableStrategy> {
    @Override
    public void serialize(UnreachableStrategy u, JsonGenerator g, SerializerProvider p) throws IOException {
      if (u.disabled()) {
        g.writeString("disabled");
      } else {
        g.writeStartObject();
        g.writeNumberField("inactiveAfterSeconds", u.inactiveAfterSeconds());
        g.writeNumberField("expungeAfterSeconds", u.expungeAfterSeconds());
        g.writeEndObject();
      }
    }
  }

  /** Reads {@code "disabled"} or the object (validated before). */
  static final class Reader extends JsonDeserializer<UnreachableStrategy> {
    @Override
    public UnreachableStrategy deserialize(JsonParser p, DeserializationContext c) throws IOException {
      JsonNode n = p.readValueAsTree();
      if (n.isTextual() && n.asText().equals("disabled")) {
        return DISABLED;
      }
      return new UnreachableStrategy(n.hasNonNull("inactiveAfterSeconds") ? n.get("inactiveAfterSeconds").asLong()
          : null, n.hasNonNull("expungeAfterSeconds") ? n.get("expungeAfterSeconds").asLong() : null);
    }
  }
}
