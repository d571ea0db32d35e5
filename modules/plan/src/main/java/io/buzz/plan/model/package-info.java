/**
 * The query as clients submit it: two SQL steps (HBee, then HComb), capacity and catalogs, as
 * immutable records, and {@link io.buzz.plan.model.QueryValidator} for the rules that need no
 * catalog. The JSON form lives in {@link io.buzz.plan.json.QueryJson}.
 */
package io.buzz.plan.model;
