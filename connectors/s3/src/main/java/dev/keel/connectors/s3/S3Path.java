package dev.keel.connectors.s3;

/**
 * An {@code s3://bucket/key} (or {@code s3a://}) path, split; the scheme is kept as given.
 *
 * @param scheme {@code s3} or {@code s3a}
 * @param bucket the bucket
 * @param key the key, without a leading or trailing slash; empty for the bucket's root
 */
record S3Path(String scheme, String bucket, String key) {
  /**
   * @throws IllegalArgumentException if {@code path} is not an S3 URL with a bucket
   */
  static S3Path parse(String path) {
    int colon = path.indexOf("://");
    String scheme = colon < 0 ? "" : path.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("s3") && !scheme.equals("s3a")) {
      throw new IllegalArgumentException(
          "Not an S3 path: `" + path + "`. Use s3://bucket/key or s3a://bucket/key.");
    }
    String rest = path.substring(colon + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "No bucket in `" + path + "`. Use s3://bucket/key or s3a://bucket/key.");
    }
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    while (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    while (key.contains("//")) {
      key = key.replace("//", "/");
    }
    return new S3Path(scheme, bucket, key.startsWith("/") ? key.substring(1) : key);
  }

  /**
   * @return the key prefix of this path's directory, ending in {@code /} (empty at the root)
   */
  String parentPrefix() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash + 1);
  }

  /**
   * @return this path's directory
   */
  S3Path parent() {
    String prefix = parentPrefix();
    return withKey(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
  }

  S3Path withKey(String otherKey) {
    return new S3Path(
        scheme,
        bucket,
        otherKey.endsWith("/") && !otherKey.isEmpty()
            ? otherKey.substring(0, otherKey.length() - 1)
            : otherKey);
  }

  @Override
  public String toString() {
    return scheme + "://" + bucket + (key.isEmpty() ? "" : "/" + key);
  }
}
