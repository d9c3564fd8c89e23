package dev.keel.connectors.sharing.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keel.connectors.sharing.SharingConfig;
import dev.keel.connectors.sharing.read.Capabilities;
import dev.keel.connectors.sharing.read.FileUrls;
import dev.keel.connectors.sharing.read.SharedTables;
import dev.keel.connectors.sharing.read.SharedTables.Ref;
import dev.keel.connectors.sharing.read.TableQueries;
import dev.keel.kernel.exceptions.KernelException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Every endpoint of the Delta Sharing protocol under the configured prefix, plus the signed file
 * endpoint: routing, bearer tokens, rate limits, the protocol's error bodies, and one access log
 * line per request.
 */
public final class SharingHandler extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger(SharingHandler.class.getName());
  private static final JsonFactory JSON_FACTORY = new JsonFactory();
  private static final String NDJSON = "application/x-ndjson; charset=utf-8";
  private static final String APPLICATION_JSON = "application/json; charset=utf-8";

  private final SharingConfig config;
  private final SharedTables tables;
  private final TableQueries queries;
  private final Authenticator auth;
  private final RateLimiter limiter;
  private final Listings listings;
  private final Hmac fileSigner;
  private final FileEndpoint files;
  private final AccessLog accessLog;
  private final Clock clock;
  private S3Files s3;

  /**
   * @param config the configuration
   * @param tables the shared tables
   * @param secret the server's secret, for file URLs and page tokens
   * @param accessLog where access log lines go (null: nowhere)
   * @param clock the clock URLs expire by
   */
  public SharingHandler(
      SharingConfig config,
      SharedTables tables,
      byte[] secret,
      Consumer<String> accessLog,
      Clock clock) {
    this.config = config;
    this.tables = tables;
    this.queries = new TableQueries(tables, config.getTimeZone());
    this.auth = new Authenticator(config);
    this.limiter = new RateLimiter(config.getRequestsPerSecond(), System::nanoTime);
    this.listings = new Listings(tables, new PageTokens(secret), config.getMaxPageSize());
    this.fileSigner = Hmac.derive(secret, LocalFiles.PURPOSE);
    this.clock = clock;
    this.files = new FileEndpoint(fileSigner, tables, () -> clock.instant().getEpochSecond());
    this.accessLog = accessLog == null ? null : new AccessLog(accessLog);
  }

  /** What a request did, for the access log. */
  private static final class Outcome {
    int status = 200;
    long bytes;
    String recipient;
    String errorCode;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    Outcome outcome = new Outcome();
    String path = "";
    try {
      path = decodedPath(request);
      route(request, response, path, outcome);
      callback.succeeded();
    } catch (SharingException e) {
      fail(response, callback, e, outcome);
    } catch (KernelException e) {
      // a table error the answers did not translate: its message may hold storage paths
      internalError(
          request,
          path,
          response,
          callback,
          e,
          "The server could not answer: " + e.getClass().getSimpleName() + ".",
          outcome);
    } catch (org.eclipse.jetty.io.EofException e) {
      // the client went away mid-response
      outcome.status = 499;
      callback.failed(e);
    } catch (IOException | RuntimeException e) {
      internalError(
          request,
          path,
          response,
          callback,
          e,
          "The server failed to answer; its log has the reason.",
          outcome);
    }
    if (accessLog != null) {
      accessLog.log(
          Instant.now(),
          Request.getRemoteAddr(request),
          request.getMethod(),
          path,
          outcome.status,
          outcome.bytes,
          (System.nanoTime() - started) / 1_000_000,
          outcome.recipient,
          outcome.errorCode);
    }
    return true;
  }

  /** Logs a failure the recipient may not see and answers 500 without its details. */
  private void internalError(
      Request request,
      String path,
      Response response,
      Callback callback,
      Exception e,
      String message,
      Outcome outcome) {
    LOG.log(
        System.Logger.Level.ERROR, "Request " + request.getMethod() + " " + path + " failed", e);
    fail(response, callback, new SharingException(500, "INTERNAL_ERROR", message), outcome);
  }

  private static String decodedPath(Request request) {
    try {
      return request.getHttpURI().getDecodedPath();
    } catch (IllegalArgumentException e) {
      throw SharingException.badRequest("The request URL is not valid.");
    }
  }

  private void fail(Response response, Callback callback, SharingException e, Outcome outcome) {
    outcome.status = e.getStatus();
    outcome.errorCode = e.getErrorCode();
    if (response.isCommitted()) {
      callback.failed(e);
      return;
    }
    try {
      response.reset();
      if (e.getStatus() == 429) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      try (JsonGenerator g = JSON_FACTORY.createGenerator(body)) {
        g.writeStartObject();
        g.writeStringField("errorCode", e.getErrorCode());
        g.writeStringField("message", e.getMessage());
        g.writeEndObject();
      }
      outcome.bytes = body.size();
      send(response, e.getStatus(), APPLICATION_JSON, body.toByteArray());
      callback.succeeded();
    } catch (IOException | RuntimeException io) {
      callback.failed(io);
    }
  }

  private static void send(Response response, int status, String contentType, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
  }

  private void route(Request request, Response response, String path, Outcome outcome)
      throws IOException {
    String prefix = config.getEndpoint();
    if (!path.startsWith(prefix + "/")) {
      throw SharingException.notFound("No such endpoint.");
    }
    List<String> parts = List.of(path.substring(prefix.length() + 1).split("/", -1));
    if (parts.stream().anyMatch(String::isEmpty)) {
      throw SharingException.notFound("No such endpoint.");
    }
    String method = request.getMethod();
    if (parts.get(0).equals("files")) {
      if (!limiter.tryAcquire("ip:" + Request.getRemoteAddr(request))) {
        throw tooMany();
      }
      if (parts.size() != 3) {
        throw SharingException.notFound("No such file.");
      }
      requireMethod(method, "GET", "HEAD");
      serveFile(request, response, parts.get(1), parts.get(2), method.equals("HEAD"), outcome);
      return;
    }
    if (!parts.get(0).equals("shares")) {
      throw SharingException.notFound("No such endpoint.");
    }
    Optional<Authenticator.Recipient> who =
        auth.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    if (who.isEmpty()) {
      if (!limiter.tryAcquire("ip:" + Request.getRemoteAddr(request))) {
        throw tooMany();
      }
      throw new SharingException(
          401,
          "UNAUTHENTICATED",
          "The request needs a valid bearer token: send `Authorization: Bearer <token>` with the"
              + " token of your profile file.");
    }
    Authenticator.Recipient recipient = who.get();
    outcome.recipient = recipient.id();
    if (!limiter.tryAcquire(recipient.id())) {
      throw tooMany();
    }
    Fields params = Request.extractQueryParameters(request);
    int n = parts.size();
    if (n == 1) {
      requireMethod(method, "GET");
      ok(response, listings.shares(recipient, params), outcome);
      return;
    }
    SharingConfig.Share share = reachableShare(parts.get(1), recipient);
    if (n == 2) {
      requireMethod(method, "GET");
      ok(response, listings.share(share), outcome);
      return;
    }
    if (n == 3 && parts.get(2).equals("schemas")) {
      requireMethod(method, "GET");
      ok(response, listings.schemas(share, params), outcome);
      return;
    }
    if (n == 3 && parts.get(2).equals("all-tables")) {
      requireMethod(method, "GET");
      ok(response, listings.allTables(share, params), outcome);
      return;
    }
    if (n < 4 || !parts.get(2).equals("schemas")) {
      throw SharingException.notFound("No such endpoint.");
    }
    SharingConfig.Schema schema =
        SharedTables.schema(share, parts.get(3))
            .orElseThrow(
                () ->
                    SharingException.notFound(
                        "The share `" + share.name() + "` has no schema `" + parts.get(3) + "`."));
    if (n == 5 && parts.get(4).equals("tables")) {
      requireMethod(method, "GET");
      ok(response, listings.tables(share, schema, params), outcome);
      return;
    }
    if (n < 6 || n > 7 || !parts.get(4).equals("tables")) {
      throw SharingException.notFound("No such endpoint.");
    }
    Ref ref =
        tables
            .table(share.name(), schema.name(), parts.get(5))
            .orElseThrow(
                () ->
                    SharingException.notFound(
                        "The schema `"
                            + share.name()
                            + "."
                            + schema.name()
                            + "` has no table `"
                            + parts.get(5)
                            + "`."));
    table(request, response, ref, n == 6 ? "" : parts.get(6), params, outcome);
  }

  /** The table endpoints: version, metadata, query, changes. */
  private void table(
      Request request, Response response, Ref ref, String action, Fields params, Outcome outcome)
      throws IOException {
    String method = request.getMethod();
    Capabilities caps = Capabilities.parse(request.getHeaders().get("delta-sharing-capabilities"));
    switch (action) {
      case "" -> {
        requireMethod(method, "HEAD");
        versionOnly(response, queries.version(ref, Optional.empty()));
      }
      case "version" -> {
        requireMethod(method, "GET");
        versionOnly(
            response,
            queries.version(ref, Optional.ofNullable(params.getValue("startingTimestamp"))));
      }
      case "metadata" -> {
        requireMethod(method, "GET");
        stream(response, ref, queries.metadata(ref, caps), caps, outcome);
      }
      case "query" -> {
        requireMethod(method, "POST");
        TableQueries.QueryRequest q =
            Parameters.query(Parameters.body(request, config.getMaxRequestBodyBytes()));
        stream(response, ref, queries.query(ref, q, caps), caps, outcome);
      }
      case "changes" -> {
        requireMethod(method, "GET");
        stream(
            response, ref, queries.changes(ref, Parameters.changes(params), caps), caps, outcome);
      }
      default -> throw SharingException.notFound("No such endpoint.");
    }
  }

  private SharingConfig.Share reachableShare(String name, Authenticator.Recipient recipient) {
    SharingConfig.Share share =
        tables
            .share(name)
            .orElseThrow(() -> SharingException.notFound("There is no share `" + name + "`."));
    if (!recipient.reaches(share.name().toLowerCase(Locale.ROOT))) {
      throw SharingException.forbidden(
          "The bearer token does not reach the share `" + share.name() + "`.");
    }
    return share;
  }

  private static void ok(Response response, byte[] body, Outcome outcome) throws IOException {
    outcome.bytes = body.length;
    send(response, 200, APPLICATION_JSON, body);
  }

  private static void versionOnly(Response response, long version) throws IOException {
    response.setStatus(200);
    response.getHeaders().put("Delta-Table-Version", Long.toString(version));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    Content.Sink.asOutputStream(response).close();
  }

  private void stream(
      Response response, Ref ref, TableQueries.Prepared answer, Capabilities caps, Outcome outcome)
      throws IOException {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, NDJSON);
    response.getHeaders().put("Delta-Table-Version", Long.toString(answer.tableVersion()));
    response
        .getHeaders()
        .put(
            "delta-sharing-capabilities",
            "responseformat=" + answer.format().name().toLowerCase(Locale.ROOT));
    FileUrls urls = fileUrls(response.getRequest(), ref, answer);
    CountingOutputStream counted = new CountingOutputStream(Content.Sink.asOutputStream(response));
    OutputStream out = new BufferedOutputStream(counted, 64 * 1024);
    try {
      answer.write(out, urls, caps.includeEndStreamAction());
      // closed only when complete: a failure must not flush a partial answer as a whole one
      out.close();
    } finally {
      outcome.bytes = counted.count;
    }
  }

  private FileUrls fileUrls(Request request, Ref ref, TableQueries.Prepared answer) {
    long expires = clock.instant().getEpochSecond() + config.getPreSignedUrlTimeoutSeconds();
    String base =
        config
            .getPublicUrl()
            .orElseGet(
                () ->
                    request.getHttpURI().getScheme()
                        + "://"
                        + Request.getServerName(request)
                        + ":"
                        + Request.getServerPort(request));
    String tablePath = answer.tablePath();
    if (S3Files.isS3(tablePath)) {
      return s3Files().urls(ref, tablePath);
    }
    if (!LocalFiles.isLocal(tablePath)) {
      throw new SharingException(
          500,
          "INTERNAL_ERROR",
          "The table `"
              + ref.displayName()
              + "` is in a store this server cannot sign URLs for; local files and S3 are"
              + " supported.");
    }
    return LocalFiles.urls(
        fileSigner, base + config.getEndpoint() + "/files", ref, tablePath, expires);
  }

  /** The presigner, made on the first S3 table's first answer. */
  private synchronized S3Files s3Files() {
    if (s3 == null) {
      s3 = new S3Files(config.getFileSystemOptions(), config.getPreSignedUrlTimeoutSeconds());
    }
    return s3;
  }

  /** Releases the presigner, if one was made. */
  public synchronized void close() {
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
  }

  private void serveFile(
      Request request, Response response, String table, String file, boolean head, Outcome outcome)
      throws IOException {
    Fields params = Request.extractQueryParameters(request);
    FileEndpoint.Answer a =
        files.resolve(
            table,
            file,
            params.getValue("expires"),
            params.getValue("signature"),
            request.getHeaders().get(HttpHeader.RANGE));
    response.setStatus(a.partial() ? 206 : 200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "private, max-age=0");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, a.length());
    if (a.partial()) {
      response
          .getHeaders()
          .put(
              HttpHeader.CONTENT_RANGE,
              "bytes " + a.start() + "-" + (a.start() + a.length() - 1) + "/" + a.size());
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      if (!head) {
        FileEndpoint.send(a, out);
        outcome.bytes = a.length();
      }
    }
    outcome.status = response.getStatus();
  }

  private static void requireMethod(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new SharingException(
        405,
        "INVALID_PARAMETER_VALUE",
        "The method " + method + " is not allowed here; use " + String.join(" or ", allowed) + ".");
  }

  private static SharingException tooMany() {
    return new SharingException(
        429, "RESOURCE_EXHAUSTED", "Too many requests: slow down and retry after a second.");
  }

  /** Counts what the response sends, for the access log. */
  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
