package dev.keel.connectors.sharing.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One JSON line per request: time, client address, method, path (never the query: it holds URL
 * signatures), status, bytes sent, milliseconds, the recipient's token id (never the token), and
 * the share and table touched.
 */
final class AccessLog {
  private static final JsonFactory JSON = new JsonFactory();

  private final Consumer<String> sink;

  AccessLog(Consumer<String> sink) {
    this.sink = sink;
  }

  void log(
      Instant time,
      String client,
      String method,
      String path,
      int status,
      long bytes,
      long millis,
      String recipient,
      String errorCode) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", time.toString());
      g.writeStringField("client", client);
      g.writeStringField("method", method);
      g.writeStringField("path", path);
      g.writeNumberField("status", status);
      g.writeNumberField("bytes", bytes);
      g.writeNumberField("millis", millis);
      if (recipient != null) {
        g.writeStringField("recipient", recipient);
      }
      if (errorCode != null) {
        g.writeStringField("errorCode", errorCode);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.accept(out.toString());
  }
}
