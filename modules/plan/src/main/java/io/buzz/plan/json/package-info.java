/** The JSON form of {@link io.buzz.plan.model.Query}: {@link io.buzz.plan.json.QueryJson}. */
package io.buzz.plan.json;
