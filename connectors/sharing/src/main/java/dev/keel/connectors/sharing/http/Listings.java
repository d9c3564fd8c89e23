package dev.keel.connectors.sharing.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keel.connectors.sharing.SharingConfig;
import dev.keel.connectors.sharing.read.SharedTables;
import dev.keel.connectors.sharing.read.SharedTables.Ref;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.Fields;

/**
 * The answers of the list and describe endpoints (PROTOCOL.md, "List Shares" to "List all Tables in
 * a Share"): JSON objects, lists paged by {@code maxResults} (at most the configured page size) and
 * signed {@code pageToken}s.
 */
final class Listings {
  private static final JsonFactory JSON = new JsonFactory();

  private final SharedTables tables;
  private final PageTokens pages;
  private final int maxPageSize;

  Listings(SharedTables tables, PageTokens pages, int maxPageSize) {
    this.tables = tables;
    this.pages = pages;
    this.maxPageSize = maxPageSize;
  }

  /** The shares the recipient's token reaches. */
  byte[] shares(Authenticator.Recipient recipient, Fields params) throws IOException {
    List<SharingConfig.Share> visible = new ArrayList<>();
    for (SharingConfig.Share s : tables.shares()) {
      if (recipient.reaches(key(s.name()))) {
        visible.add(s);
      }
    }
    return page("shares", visible, params, Listings::shareFields);
  }

  byte[] share(SharingConfig.Share share) throws IOException {
    return object(
        g -> {
          g.writeObjectFieldStart("share");
          shareFields(g, share);
          g.writeEndObject();
        });
  }

  byte[] schemas(SharingConfig.Share share, Fields params) throws IOException {
    return page(
        "schemas/" + key(share.name()),
        share.schemas(),
        params,
        (g, s) -> {
          g.writeStringField("name", s.name());
          g.writeStringField("share", share.name());
        });
  }

  byte[] allTables(SharingConfig.Share share, Fields params) throws IOException {
    List<Ref> all = new ArrayList<>();
    for (SharingConfig.Schema s : share.schemas()) {
      for (SharingConfig.Table t : s.tables()) {
        all.add(new Ref(share, s, t));
      }
    }
    return page("all-tables/" + key(share.name()), all, params, Listings::tableFields);
  }

  byte[] tables(SharingConfig.Share share, SharingConfig.Schema schema, Fields params)
      throws IOException {
    List<Ref> refs = new ArrayList<>();
    for (SharingConfig.Table t : schema.tables()) {
      refs.add(new Ref(share, schema, t));
    }
    return page(
        "tables/" + key(share.name()) + "/" + key(schema.name()),
        refs,
        params,
        Listings::tableFields);
  }

  private static void shareFields(JsonGenerator g, SharingConfig.Share s) throws IOException {
    g.writeStringField("name", s.name());
    g.writeStringField("id", s.id());
  }

  private static void tableFields(JsonGenerator g, Ref r) throws IOException {
    g.writeStringField("name", r.table().name());
    g.writeStringField("schema", r.schema().name());
    g.writeStringField("share", r.share().name());
    g.writeStringField("shareId", r.share().id());
    g.writeStringField("id", r.table().id());
  }

  /** Writes one item's fields. */
  private interface ItemFields<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  /** Writes an object's fields. */
  private interface ObjectFields {
    void write(JsonGenerator g) throws IOException;
  }

  private <T> byte[] page(String listing, List<T> items, Fields params, ItemFields<T> fields)
      throws IOException {
    int size = maxPageSize;
    String max = params.getValue("maxResults");
    if (max != null) {
      int asked;
      try {
        asked = Integer.parseInt(max.trim());
      } catch (NumberFormatException e) {
        throw SharingException.badRequest("maxResults must be a whole number, not `" + max + "`.");
      }
      if (asked < 0) {
        throw SharingException.badRequest("maxResults must not be negative, not " + asked + ".");
      }
      size = Math.min(size, asked);
    }
    String token = params.getValue("pageToken");
    int offset = token == null || token.isEmpty() ? 0 : pages.decode(listing, token);
    if (offset < 0 || offset > items.size()) {
      throw SharingException.badRequest("The page token is out of range for this listing.");
    }
    int end = (int) Math.min(items.size(), (long) offset + size);
    List<T> page = items.subList(offset, end);
    return object(
        g -> {
          g.writeArrayFieldStart("items");
          for (T item : page) {
            g.writeStartObject();
            fields.write(g, item);
            g.writeEndObject();
          }
          g.writeEndArray();
          if (end < items.size()) {
            g.writeStringField("nextPageToken", pages.encode(listing, end));
          }
        });
  }

  static byte[] object(ObjectFields fields) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
