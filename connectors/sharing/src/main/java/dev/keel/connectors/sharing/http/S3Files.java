package dev.keel.connectors.sharing.http;

import dev.keel.connectors.s3.S3FileSystemProvider;
import dev.keel.connectors.s3.S3Options;
import dev.keel.connectors.sharing.read.FileUrls;
import dev.keel.connectors.sharing.read.SharedTables.Ref;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Presigned S3 URLs for the files of tables on S3 ({@code s3://} or {@code s3a://}), signed with
 * the credentials the engine reads the tables with; recipients download straight from the store. A
 * file outside its table's prefix is never signed.
 */
final class S3Files implements AutoCloseable {
  private final S3Presigner presigner;
  private final Duration lifetime;

  /**
   * @param fileSystemOptions the engine's file system options ({@code keel.s3.*})
   * @param lifetimeSeconds how long a URL stays valid
   */
  S3Files(Map<String, String> fileSystemOptions, long lifetimeSeconds) {
    this.presigner =
        S3FileSystemProvider.presigner(S3Options.from(fileSystemOptions, System.getenv()));
    this.lifetime = Duration.ofSeconds(lifetimeSeconds);
  }

  static boolean isS3(String location) {
    return location.startsWith("s3://") || location.startsWith("s3a://");
  }

  /** The URLs of one response for one table. */
  FileUrls urls(Ref ref, String tablePath) {
    String[] root = bucketAndKey(tablePath);
    String prefix = root[1].isEmpty() ? "" : root[1] + "/";
    long expires = System.currentTimeMillis() + lifetime.toMillis();
    return new FileUrls() {
      @Override
      public Signed sign(String absolutePath) {
        if (!isS3(absolutePath)) {
          throw LocalFiles.outside(ref);
        }
        String[] file = bucketAndKey(absolutePath);
        if (!file[0].equals(root[0])
            || !file[1].startsWith(prefix)
            || file[1].length() == prefix.length()
            || climbs(file[1])) {
          throw LocalFiles.outside(ref);
        }
        PresignedGetObjectRequest p =
            presigner.presignGetObject(
                r ->
                    r.signatureDuration(lifetime)
                        .getObjectRequest(g -> g.bucket(file[0]).key(file[1])));
        return new Signed(p.url().toString(), p.expiration().toEpochMilli());
      }

      @Override
      public long expirationTimestampMillis() {
        return expires;
      }
    };
  }

  private static boolean climbs(String key) {
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return true;
      }
    }
    return false;
  }

  /** {@code s3://bucket/a/b} as {@code [bucket, a/b]}. */
  private static String[] bucketAndKey(String location) {
    String rest = location.substring(location.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    while (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    return new String[] {bucket, key};
  }

  @Override
  public void close() {
    presigner.close();
  }
}
