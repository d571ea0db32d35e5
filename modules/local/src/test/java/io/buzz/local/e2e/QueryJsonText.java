package io.buzz.local.e2e;

/** Builds query JSON text for tests, escaping strings properly. */
final class QueryJsonText {
  private QueryJsonText() {}

  static String twoSteps(
      String hbeeSql, String filter, String hcombSql, String catalog, String uri) {
    return twoSteps(hbeeSql, filter, hcombSql, catalog, "Static", uri, "");
  }

  /**
   * A two-step query over a catalog of {@code type}; {@code moreCatalogFields} is appended to the
   * catalog object (e.g. {@code , "version": 2}).
   */
  static String twoSteps(
      String hbeeSql,
      String filter,
      String hcombSql,
      String catalog,
      String type,
      String uri,
      String moreCatalogFields) {
    return "{\"steps\": ["
        + "{\"sql\": "
        + string(hbeeSql)
        + ", \"name\": \""
        + catalog
        + "_map\", \"step_type\": \"HBee\""
        + (filter == null ? "" : ", \"partition_filter\": " + string(filter))
        + "},"
        + "{\"sql\": "
        + string(hcombSql)
        + ", \"name\": \""
        + catalog
        + "_reduce\", \"step_type\": \"HComb\"}],"
        + " \"capacity\": {\"zones\": 1},"
        + " \"catalogs\": [{\"name\": \""
        + catalog
        + "\", \"type\": \""
        + type
        + "\", \"uri\": "
        + string(uri)
        + moreCatalogFields
        + "}]}";
  }

  /** A query written as one statement over a Static catalog. */
  static String statement(String sql, String catalog, String uri) {
    return "{\"sql\": "
        + string(sql)
        + ", \"catalogs\": [{\"name\": \""
        + catalog
        + "\", \"type\": \"Static\", \"uri\": "
        + string(uri)
        + "}]}";
  }

  /** The simplest two-step query: rows counted by the HBees, summed by the HComb. */
  static String countRows(String catalog, String uri) {
    return twoSteps(
        "SELECT COUNT(*) AS n FROM " + catalog,
        null,
        "SELECT SUM(n) AS n FROM " + catalog + "_map",
        catalog,
        uri);
  }

  static String string(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
