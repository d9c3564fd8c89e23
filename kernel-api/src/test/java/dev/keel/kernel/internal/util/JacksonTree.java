package dev.keel.kernel.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson as the oracle for {@link Json#parse}: the same text read by Jackson's streaming parser
 * (its defaults: strict RFC 8259, nesting to 1,000 levels; numbers of any length) into the shapes
 * {@code Json.parse} returns. Used by the fuzz targets of the files the kernel reads with its own
 * JSON reader ({@code _last_checkpoint}, checksum files).
 */
public final class JacksonTree {
  private static final JsonFactory JACKSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
          .build();

  /** The refusal marker: Jackson does not accept the text. */
  public static final Object REFUSED = new Object();

  private JacksonTree() {}

  /**
   * @return the tree, or {@link #REFUSED}
   */
  public static Object parse(String text) {
    try (JsonParser p = JACKSON.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return REFUSED;
      }
      Object value = value(p, first);
      return p.nextToken() == null ? value : REFUSED;
    } catch (IOException e) {
      return REFUSED;
    }
  }

  /**
   * Holds {@link Json#parse} to Jackson on {@code text}: both refuse it, or both read the same
   * tree.
   *
   * @return the tree both read, or {@link #REFUSED}
   */
  public static Object check(String text) {
    Object expected = parse(text);
    Object actual;
    try {
      actual = Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      assertThat(expected)
          .as("Keel refuses JSON Jackson reads: %s", e.getMessage())
          .isSameAs(REFUSED);
      return REFUSED;
    }
    assertThat(expected).as("Keel reads JSON Jackson refuses, as %s", actual).isNotSameAs(REFUSED);
    assertThat(actual).isEqualTo(expected);
    return actual;
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
            String name = p.currentName();
            m.put(name, value(p, p.nextToken()));
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            l.add(value(p, e));
          }
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) Double.parseDouble(p.getText())
            : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return Double.parseDouble(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }
}
