package dev.keel.connectors.s3;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 client's settings, read from the engine's file system options ({@code
 * DefaultEngine.Builder.fileSystemOption}), then from Java system properties of the same name, then
 * from the environment where the AWS SDK defines a variable:
 *
 * <ul>
 *   <li>{@code keel.s3.endpoint}: the store's URL (else {@code AWS_ENDPOINT_URL_S3}, {@code
 *       AWS_ENDPOINT_URL}, or the system properties {@code aws.endpointUrlS3}, {@code
 *       aws.endpointUrl}); unset means AWS;
 *   <li>{@code keel.s3.region}: the region (else the SDK's region chain: {@code AWS_REGION}, {@code
 *       aws.region}, the profile, instance metadata; {@code us-east-1} when an endpoint is set and
 *       the chain finds none);
 *   <li>{@code keel.s3.pathStyle}: {@code true} for path-style requests; the default is {@code
 *       true} when an endpoint is set, else {@code false};
 *   <li>{@code keel.s3.maxAttempts}: attempts per request, SDK retries included (default 8);
 *   <li>{@code keel.s3.multipartThreshold} and {@code keel.s3.partSize}: files larger than the
 *       threshold (default 64 MiB) are uploaded in parts of that size (default 16 MiB, at least 5
 *       MiB);
 *   <li>{@code keel.s3.requestTimeoutMillis}: how long a request may wait for its answer (default
 *       60,000).
 * </ul>
 *
 * Credentials come from the SDK's default chain ({@code AWS_ACCESS_KEY_ID}/{@code
 * AWS_SECRET_ACCESS_KEY}, the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system
 * properties, {@code ~/.aws/credentials}, container and instance roles).
 *
 * @param endpoint the endpoint, when not AWS's
 * @param region the region, when given
 * @param pathStyle whether to use path-style requests
 * @param maxAttempts attempts per request
 * @param multipartThreshold the size above which uploads go in parts
 * @param partSize the size of each part
 * @param requestTimeoutMillis the time a request may take
 * @param retryBaseMillis the first pause between Keel's own retries, doubled after each
 * @param listPageSize keys per {@code ListObjectsV2} page
 */
public record S3Options(
    Optional<URI> endpoint,
    Optional<String> region,
    boolean pathStyle,
    int maxAttempts,
    long multipartThreshold,
    int partSize,
    long requestTimeoutMillis,
    long retryBaseMillis,
    int listPageSize) {

  /**
   * @param options the engine's file system options
   * @param env the environment ({@code System.getenv()})
   * @return the settings
   * @throws IllegalArgumentException if a value is not valid, naming the key
   */
  public static S3Options from(Map<String, String> options, Map<String, String> env) {
    Optional<URI> endpoint =
        get(options, "keel.s3.endpoint")
            .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL_S3")))
            .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")))
            .or(() -> Optional.ofNullable(System.getProperty("aws.endpointUrlS3")))
            .or(() -> Optional.ofNullable(System.getProperty("aws.endpointUrl")))
            .filter(s -> !s.isBlank())
            .map(s -> uri("keel.s3.endpoint", s));
    boolean pathStyle =
        get(options, "keel.s3.pathStyle")
            .map(v -> bool("keel.s3.pathStyle", v))
            .orElse(endpoint.isPresent());
    long partSize = number(options, "keel.s3.partSize", 16L << 20, 5L << 20, Integer.MAX_VALUE);
    return new S3Options(
        endpoint,
        get(options, "keel.s3.region"),
        pathStyle,
        (int) number(options, "keel.s3.maxAttempts", 8, 1, 100),
        number(options, "keel.s3.multipartThreshold", 64L << 20, 5L << 20, Long.MAX_VALUE),
        (int) partSize,
        number(options, "keel.s3.requestTimeoutMillis", 60_000, 1, Long.MAX_VALUE),
        50,
        1000);
  }

  /**
   * @return these settings with another retry pause and page size (for tests)
   */
  S3Options withRetryBaseMillis(long millis) {
    return new S3Options(
        endpoint,
        region,
        pathStyle,
        maxAttempts,
        multipartThreshold,
        partSize,
        requestTimeoutMillis,
        millis,
        listPageSize);
  }

  private static Optional<String> get(Map<String, String> options, String key) {
    return Optional.ofNullable(options.get(key))
        .or(() -> Optional.ofNullable(System.getProperty(key)))
        .map(String::trim);
  }

  private static long number(
      Map<String, String> options, String key, long fallback, long min, long max) {
    Optional<String> text = get(options, key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(text.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + " must be a whole number from " + min + " to " + max + ", not `" + text.get() + "`");
  }

  private static boolean bool(String key, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(key + " must be true or false, not `" + value + "`");
  }

  private static URI uri(String key, String value) {
    try {
      URI u = URI.create(value.trim());
      if (u.getScheme() != null && u.getHost() != null) {
        return u;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + " must be a URL such as http://127.0.0.1:9000, not `" + value + "`");
  }
}
