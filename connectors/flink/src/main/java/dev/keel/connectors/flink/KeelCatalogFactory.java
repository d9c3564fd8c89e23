package dev.keel.connectors.flink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Makes {@link KeelCatalog}s: {@code CREATE CATALOG lake WITH ('type' = 'keel', 'root' = '...')},
 * with {@code 'default-database'} (default {@code default}) and {@code fs.*} options (Keel's file
 * system options, without the prefix).
 */
public final class KeelCatalogFactory implements CatalogFactory {
  /** The directory whose subdirectories are the catalog's tables. */
  public static final ConfigOption<String> ROOT =
      ConfigOptions.key("root").stringType().noDefaultValue();

  /** The name of the catalog's one database. */
  public static final ConfigOption<String> DEFAULT_DATABASE =
      ConfigOptions.key("default-database").stringType().defaultValue("default");

  @Override
  public String factoryIdentifier() {
    return KeelTableFactory.IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(ROOT);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(DEFAULT_DATABASE);
  }

  @Override
  public Catalog createCatalog(Context context) {
    FactoryUtil.CatalogFactoryHelper helper = FactoryUtil.createCatalogFactoryHelper(this, context);
    helper.validateExcept("fs.");
    Map<String, String> fileSystemOptions = new LinkedHashMap<>();
    context
        .getOptions()
        .forEach(
            (k, v) -> {
              if (k.startsWith("fs.")) {
                fileSystemOptions.put(k.substring(3), v);
              }
            });
    return new KeelCatalog(
        context.getName(),
        helper.getOptions().get(DEFAULT_DATABASE),
        helper.getOptions().get(ROOT),
        fileSystemOptions);
  }
}
