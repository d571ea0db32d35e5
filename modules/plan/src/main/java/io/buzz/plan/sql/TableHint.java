package io.buzz.plan.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What error messages may say about the one table a piece of SQL reads, so that an unknown column
 * lists the columns that exist and an unusable one says why.
 *
 * @param description how to name the table, e.g. {@code catalog 'nyc_taxi'} or {@code HBee step
 *     'nyc_taxi_map'}
 * @param columns the usable column names in table order
 * @param unsupported columns that exist but cannot be used, with the reason
 */
record TableHint(String description, List<String> columns, Map<String, String> unsupported) {
  TableHint {
    requireNonNull(description, "description is null");
    columns = List.copyOf(columns);
    unsupported = Map.copyOf(unsupported);
  }
}
