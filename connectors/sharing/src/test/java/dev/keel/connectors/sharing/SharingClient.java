package dev.keel.connectors.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recipient's client for the tests, making the requests the Python connector makes ({@code
 * delta_sharing/rest_client.py}) in its order: list shares, schemas and tables (following page
 * tokens), the table version, the metadata, then the files (query) or the changes; with its {@code
 * delta-sharing-capabilities} header.
 */
final class SharingClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, headers, and the body's text. */
  record Response(int status, java.net.http.HttpHeaders headers, String body) {
    List<JsonNode> lines() {
      List<JsonNode> out = new ArrayList<>();
      for (String l : body.split("\n")) {
        if (!l.isBlank()) {
          out.add(SharingClient.json(l));
        }
      }
      return out;
    }

    JsonNode json() {
      return SharingClient.json(body);
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String endpoint;
  private final String token;
  private String capabilities =
      "responseformat=delta;readerfeatures=deletionvectors,columnmapping,timestampntz,v2checkpoint,typewidening,typewidening-preview,varianttype,varianttype-preview,variantshredding-preview,vacuumprotocolcheck,domainmetadata;includeendstreamaction=true";

  SharingClient(String endpoint, String token) {
    this.endpoint = endpoint;
    this.token = token;
  }

  /**
   * @param header the capabilities header to send, or null for none (the parquet format)
   */
  SharingClient withCapabilities(String header) {
    SharingClient c = new SharingClient(endpoint, token);
    c.capabilities = header;
    return c;
  }

  Response get(String path) {
    return send(request(path).GET().build());
  }

  Response head(String path) {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  Response post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Every item of a listing, following nextPageToken with the given page size. */
  List<JsonNode> listAll(String path, int maxResults) {
    List<JsonNode> items = new ArrayList<>();
    String token = null;
    for (int pages = 0; pages < 10_000; pages++) {
      String sep = path.contains("?") ? "&" : "?";
      Response r =
          get(
              path
                  + sep
                  + "maxResults="
                  + maxResults
                  + (token == null ? "" : "&pageToken=" + enc(token)));
      if (r.status() != 200) {
        throw new AssertionError("listing " + path + " answered " + r.status() + ": " + r.body());
      }
      JsonNode body = r.json();
      body.path("items").forEach(items::add);
      token = body.path("nextPageToken").asText("");
      if (token.isEmpty()) {
        return items;
      }
    }
    throw new AssertionError("listing " + path + " did not end within 10,000 pages");
  }

  /** The requests a recipient makes to read a table: version, metadata, then its files. */
  Response readTable(String table, String body) {
    Response version = get(table + "/version");
    if (version.status() != 200) {
      return version;
    }
    Response metadata = get(table + "/metadata");
    if (metadata.status() != 200) {
      return metadata;
    }
    return post(table + "/query", body);
  }

  /** Downloads a file URL the server handed out. */
  byte[] download(String url) {
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new AssertionError("downloading " + url + " answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .timeout(Duration.ofSeconds(60))
            .header("User-Agent", "Delta-Sharing-Python/1.3.0 keel-tests");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (capabilities != null) {
      b.header("delta-sharing-capabilities", capabilities);
    }
    return b;
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
