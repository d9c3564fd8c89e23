package dev.keel.connectors.sharing.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keel.connectors.sharing.read.Capabilities.Format;
import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes the protocol's NDJSON lines (PROTOCOL.md, "API Response Format") in the chosen format:
 * {@code parquet}'s {@code file}/{@code add}/{@code cdf}/{@code remove} objects, or {@code delta}'s
 * log actions wrapped in {@code deltaSingleAction}. File URLs come from a {@link FileUrls};
 * deletion vectors stored in files are handed out by URL too.
 */
final class ResponseLines implements Closeable {
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonGenerator g;
  private final Format format;
  private final FileUrls urls;
  private long minExpiration = Long.MAX_VALUE;

  ResponseLines(OutputStream out, Format format, FileUrls urls) throws IOException {
    this.g = JSON.createGenerator(out);
    this.g.setRootValueSeparator(null);
    this.format = format;
    this.urls = urls;
  }

  /**
   * @return whether the answer is in the {@code delta} format
   */
  boolean isDelta() {
    return format == Format.DELTA;
  }

  void protocol(Protocol p) throws IOException {
    protocol(p, null);
  }

  /**
   * @param version the commit that changed the protocol, for a historical protocol line; null for
   *     the answer's head line
   */
  void protocol(Protocol p, Long version) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("protocol");
    optionalNumber("version", version);
    if (format == Format.DELTA) {
      g.writeObjectFieldStart("deltaProtocol");
      g.writeNumberField("minReaderVersion", p.getMinReaderVersion());
      g.writeNumberField("minWriterVersion", p.getMinWriterVersion());
      if (p.supportsReaderFeatures()) {
        stringArray("readerFeatures", p.getReaderFeatures());
      }
      if (p.supportsWriterFeatures()) {
        stringArray("writerFeatures", p.getWriterFeatures());
      }
      g.writeEndObject();
    } else {
      g.writeNumberField("minReaderVersion", 1);
    }
    g.writeEndObject();
    g.writeEndObject();
    end();
  }

  /**
   * @param version the version to name (time travel, change queries, historical metadata), or null
   * @param size the table's size in bytes, if known
   * @param numFiles the table's file count, if known
   */
  void metadata(Metadata m, Long version, Long size, Long numFiles) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("metaData");
    if (format == Format.DELTA) {
      optionalNumber("version", version);
      optionalNumber("size", size);
      optionalNumber("numFiles", numFiles);
      g.writeObjectFieldStart("deltaMetadata");
      metadataFields(m, true);
      g.writeEndObject();
    } else {
      metadataFields(m, false);
      optionalNumber("version", version);
      optionalNumber("size", size);
      optionalNumber("numFiles", numFiles);
    }
    g.writeEndObject();
    g.writeEndObject();
    end();
  }

  private void metadataFields(Metadata m, boolean delta) throws IOException {
    g.writeStringField("id", m.getId());
    if (m.getName().isPresent()) {
      g.writeStringField("name", m.getName().get());
    }
    if (m.getDescription().isPresent()) {
      g.writeStringField("description", m.getDescription().get());
    }
    g.writeObjectFieldStart("format");
    g.writeStringField("provider", delta ? m.getFormatProvider() : "parquet");
    if (delta) {
      stringMap("options", m.getFormatOptions());
    }
    g.writeEndObject();
    g.writeStringField("schemaString", m.getSchemaString());
    stringArray("partitionColumns", m.getPartitionColumns());
    stringMap("configuration", m.getConfiguration());
    if (delta && m.getCreatedTime().isPresent()) {
      g.writeNumberField("createdTime", m.getCreatedTime().get());
    }
  }

  /**
   * A file line. In the {@code parquet} format a snapshot's file is a {@code file} object and a
   * change's an {@code add}, {@code cdf} or {@code remove}; in the {@code delta} format each is a
   * {@code file} object holding the log action.
   *
   * @param change whether the file is one of a change query (it then names its commit)
   */
  void file(FileAction f, boolean change) throws IOException {
    FileUrls.Signed url = urls.sign(f.absolutePath);
    minExpiration = Math.min(minExpiration, url.expirationTimestampMillis());
    g.writeStartObject();
    if (format == Format.DELTA) {
      g.writeObjectFieldStart("file");
      g.writeStringField("id", f.id());
      g.writeNumberField("expirationTimestamp", url.expirationTimestampMillis());
      optionalNumber("version", f.version);
      optionalNumber("timestamp", f.timestamp);
      g.writeObjectFieldStart("deltaSingleAction");
      deltaAction(f, url.url());
      g.writeEndObject();
      g.writeEndObject();
    } else {
      String name =
          switch (f.kind) {
            case ADD -> change ? "add" : "file";
            case REMOVE -> "remove";
            case CDC -> "cdf";
          };
      g.writeObjectFieldStart(name);
      g.writeStringField("url", url.url());
      g.writeStringField("id", f.id());
      stringMap("partitionValues", f.partitionValues);
      g.writeNumberField("size", f.size);
      if (f.kind == FileAction.Kind.ADD && f.stats != null) {
        g.writeStringField("stats", f.stats);
      }
      g.writeNumberField("expirationTimestamp", url.expirationTimestampMillis());
      optionalNumber("version", f.version);
      optionalNumber("timestamp", f.timestamp);
      g.writeEndObject();
    }
    g.writeEndObject();
    end();
  }

  private void deltaAction(FileAction f, String url) throws IOException {
    switch (f.kind) {
      case ADD -> {
        g.writeObjectFieldStart("add");
        g.writeStringField("path", url);
        stringMap("partitionValues", f.partitionValues);
        g.writeNumberField("size", f.size);
        g.writeNumberField("modificationTime", f.modificationTime == null ? 0 : f.modificationTime);
        g.writeBooleanField("dataChange", f.dataChange);
        if (f.stats != null) {
          g.writeStringField("stats", f.stats);
        }
        rowFields(f);
      }
      case REMOVE -> {
        g.writeObjectFieldStart("remove");
        g.writeStringField("path", url);
        optionalNumber("deletionTimestamp", f.deletionTimestamp);
        g.writeBooleanField("dataChange", f.dataChange);
        g.writeBooleanField("extendedFileMetadata", true);
        stringMap("partitionValues", f.partitionValues);
        g.writeNumberField("size", f.size);
        rowFields(f);
      }
      case CDC -> {
        g.writeObjectFieldStart("cdc");
        g.writeStringField("path", url);
        stringMap("partitionValues", f.partitionValues);
        g.writeNumberField("size", f.size);
        g.writeBooleanField("dataChange", false);
      }
    }
    g.writeEndObject();
  }

  /** The fields that say which rows of the file are live and what their ids are. */
  private void rowFields(FileAction f) throws IOException {
    deletionVector(f);
    optionalNumber("baseRowId", f.baseRowId);
    optionalNumber("defaultRowCommitVersion", f.defaultRowCommitVersion);
  }

  /** A deletion vector kept in a file is handed out as an absolute ({@code p}) URL. */
  private void deletionVector(FileAction f) throws IOException {
    if (f.deletionVector == null) {
      return;
    }
    g.writeObjectFieldStart("deletionVector");
    for (Map.Entry<String, Object> e : f.deletionVector.entrySet()) {
      if (f.deletionVectorPath != null && e.getKey().equals("storageType")) {
        g.writeStringField("storageType", "p");
      } else if (f.deletionVectorPath != null && e.getKey().equals("pathOrInlineDv")) {
        FileUrls.Signed dv = urls.sign(f.deletionVectorPath);
        minExpiration = Math.min(minExpiration, dv.expirationTimestampMillis());
        g.writeStringField("pathOrInlineDv", dv.url());
      } else if (e.getValue() instanceof Number n) {
        g.writeNumberField(e.getKey(), n.longValue());
      } else {
        g.writeStringField(e.getKey(), (String) e.getValue());
      }
    }
    g.writeEndObject();
  }

  /**
   * The last line when the client asked for it: when the URLs expire, and an error that happened
   * after lines were sent (the status could no longer say so).
   */
  void endStream(String errorMessage) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("endStreamAction");
    if (minExpiration != Long.MAX_VALUE) {
      g.writeNumberField("minUrlExpirationTimestamp", minExpiration);
    }
    if (errorMessage != null) {
      g.writeStringField("errorMessage", errorMessage);
    }
    g.writeEndObject();
    g.writeEndObject();
    end();
  }

  private void end() throws IOException {
    g.writeRaw('\n');
  }

  private void optionalNumber(String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  private void stringArray(String name, Iterable<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private void stringMap(String name, Map<String, String> map) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getValue() == null) {
        g.writeNullField(e.getKey());
      } else {
        g.writeStringField(e.getKey(), e.getValue());
      }
    }
    g.writeEndObject();
  }

  void flush() throws IOException {
    g.flush();
  }

  @Override
  public void close() throws IOException {
    g.close();
  }
}
