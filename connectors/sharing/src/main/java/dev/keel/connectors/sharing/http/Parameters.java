package dev.keel.connectors.sharing.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.connectors.sharing.read.TableQueries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * What table requests carry, read and checked: the query body (at most the configured size, read no
 * further) and the changes endpoint's parameters. A value of the wrong type is a 400 naming it;
 * fields the protocol has that the server does not use are ignored.
 */
final class Parameters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Parameters() {}

  /**
   * @throws SharingException 413 once the body is over {@code limit}, declared or sent
   */
  static byte[] body(Request request, long limit) throws IOException {
    if (request.getLength() > limit) {
      throw tooLarge(limit);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] buf = new byte[8192];
      int r;
      while ((r = in.read(buf)) > 0) {
        out.write(buf, 0, r);
        if (out.size() > limit) {
          throw tooLarge(limit);
        }
      }
    }
    return out.toByteArray();
  }

  static TableQueries.QueryRequest query(byte[] body) {
    JsonNode root;
    try {
      root = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw SharingException.badRequest("The request body is not JSON.");
    }
    if (root == null || !root.isObject()) {
      throw SharingException.badRequest("The request body must be a JSON object, `{}` at least.");
    }
    JsonNode hints = root.get("jsonPredicateHints");
    if (hints != null && !hints.isNull() && !hints.isTextual()) {
      throw SharingException.badRequest("jsonPredicateHints must be a string holding JSON.");
    }
    return new TableQueries.QueryRequest(
        hints == null || hints.isNull() ? Optional.empty() : Optional.of(hints.asText()),
        longField(root, "limitHint"),
        longField(root, "version"),
        stringField(root, "timestamp"),
        longField(root, "startingVersion"),
        longField(root, "endingVersion"),
        root.path("includeHistoricalProtocol").asBoolean(false));
  }

  static TableQueries.ChangesRequest changes(Fields params) {
    return new TableQueries.ChangesRequest(
        longParam(params, "startingVersion"),
        Optional.ofNullable(params.getValue("startingTimestamp")),
        longParam(params, "endingVersion"),
        Optional.ofNullable(params.getValue("endingTimestamp")),
        "true".equalsIgnoreCase(params.getValue("includeHistoricalMetadata")),
        "true".equalsIgnoreCase(params.getValue("includeHistoricalProtocol")));
  }

  private static Optional<Long> longField(JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
      throw SharingException.badRequest(name + " must be a whole number, not " + n + ".");
    }
    return Optional.of(n.asLong());
  }

  private static Optional<String> stringField(JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw SharingException.badRequest(name + " must be a string, not " + n + ".");
    }
    return Optional.of(n.asText());
  }

  private static Optional<Long> longParam(Fields params, String name) {
    String v = params.getValue(name);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw SharingException.badRequest(name + " must be a whole number, not `" + v + "`.");
    }
  }

  private static SharingException tooLarge(long limit) {
    return new SharingException(
        413, "INVALID_PARAMETER_VALUE", "The request body is larger than " + limit + " bytes.");
  }
}
