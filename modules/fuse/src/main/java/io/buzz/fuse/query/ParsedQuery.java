package io.buzz.fuse.query;

import io.buzz.error.BuzzException;
import io.buzz.plan.json.QueryJson;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.Query;
import io.buzz.plan.model.QueryValidator;
import io.buzz.plan.sql.QueryPlanner;

/**
 * A query read from its JSON and validated, with the catalog it reads.
 *
 * @param table the table's name as the SQL spells it
 * @param catalog the catalog of that name
 * @param field the catalog's JSON path ({@code catalogs[1]}), for messages
 */
record ParsedQuery(Query query, String table, CatalogSpec catalog, String field) {
  /**
   * @throws BuzzException for malformed JSON, an invalid query or SQL, or a table that is no
   *     catalog of the query
   */
  static ParsedQuery of(String json, QueryPlanner planner) {
    Query query = QueryJson.parse(json);
    QueryValidator.validate(query);
    String table = planner.tablesRead(query).iterator().next();
    for (int i = 0; i < query.catalogs().size(); i++) {
      CatalogSpec spec = query.catalogs().get(i);
      if (spec.name().equalsIgnoreCase(table)) {
        return new ParsedQuery(query, table, spec, "catalogs[" + i + "]");
      }
    }
    throw BuzzException.notFound("the query defines no catalog named '" + table + "'");
  }
}
