package dev.keel.connectors.s3;

import dev.keel.kernel.defaults.engine.FileSystemProvider;
import dev.keel.kernel.engine.FileSystemClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Serves {@code s3://} and {@code s3a://} paths to {@code DefaultEngine} with an {@link
 * S3FileSystemClient}, configured as {@link S3Options} says. Found by {@code ServiceLoader} when
 * this module's jar is on the class path.
 */
public final class S3FileSystemProvider implements FileSystemProvider {
  /** Creates the provider (ServiceLoader calls it). */
  public S3FileSystemProvider() {}

  @Override
  public Set<String> getSchemes() {
    return Set.of("s3", "s3a");
  }

  @Override
  public FileSystemClient create(Map<String, String> options) {
    S3Options o = S3Options.from(options, System.getenv());
    return new S3FileSystemClient(client(o), o);
  }

  /**
   * @param o the settings
   * @param interceptors SDK interceptors to add (to count or trace requests, say)
   * @return an SDK client for them; the caller closes it
   */
  public static S3Client client(S3Options o, ExecutionInterceptor... interceptors) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofMillis(o.requestTimeoutMillis())))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .forcePathStyle(o.pathStyle())
            // checksums only where S3 requires them: S3-compatible stores differ in the rest
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                c ->
                    c.retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(o.maxAttempts())
                                .build())
                        .apiCallAttemptTimeout(Duration.ofMillis(o.requestTimeoutMillis()))
                        .executionInterceptors(List.of(interceptors)));
    o.endpoint().ifPresent(b::endpointOverride);
    b.region(region(o));
    return b.build();
  }

  /**
   * A presigner for the same store, credentials and addressing as {@link #client}: for servers that
   * hand out short-lived URLs of objects (Delta Sharing).
   *
   * @param o the settings
   * @return the presigner; the caller closes it
   */
  public static S3Presigner presigner(S3Options o) {
    S3Presigner.Builder b =
        S3Presigner.builder()
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(o.pathStyle()).build());
    o.endpoint().ifPresent(b::endpointOverride);
    b.region(region(o));
    return b.build();
  }

  private static Region region(S3Options o) {
    if (o.region().isPresent()) {
      return Region.of(o.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      if (o.endpoint().isPresent()) {
        return Region.US_EAST_1; // S3-compatible stores mostly ignore it
      }
      throw new IllegalArgumentException(
          "No AWS region for s3:// paths: set AWS_REGION, the aws.region system property, or"
              + " keel.s3.region",
          e);
    }
  }
}
