package io.buzz.plan.sql;

import io.buzz.plan.physical.Pipeline;
import io.buzz.plan.physical.PipelineStage;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Project;
import io.buzz.protocol.plan.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * Names of the result columns. Calcite names an unaliased expression {@code EXPR$i}; the result
 * shows its SQL text instead, as written in the HComb step with whitespace collapsed ({@code
 * SUM(payment_type_count)}), like SQLite and close to DuckDB. Columns with an alias or that are a
 * plain column keep their name. The text is not used when it would repeat another result column's
 * name (case-insensitively), nor for a select list with {@code *}.
 *
 * <p>Only the result is renamed: the HBee step's output keeps Calcite's names, since they are what
 * the HComb step's SQL refers to.
 */
final class ResultNames {
  private ResultNames() {}

  /**
   * The SQL text of each unaliased expression of the query's top select list, or an empty list when
   * no renaming applies. Call before validation, which rewrites the tree.
   */
  static List<Optional<String>> expressionTexts(SqlNode query, String sql) {
    SqlNode top = query;
    while (top.getKind() == SqlKind.ORDER_BY || top.getKind() == SqlKind.WITH) {
      top =
          top.getKind() == SqlKind.ORDER_BY
              ? ((SqlOrderBy) top).query
              : ((org.apache.calcite.sql.SqlWith) top).body;
    }
    if (!(top instanceof SqlSelect select)) {
      return List.of();
    }
    List<Optional<String>> texts = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier identifier) {
        if (identifier.isStar()) {
          return List.of();
        }
        texts.add(Optional.empty());
      } else if (item.getKind() == SqlKind.AS) {
        texts.add(Optional.empty());
      } else {
        String text = SqlPositions.text(sql, item.getParserPosition());
        texts.add(text.isEmpty() ? Optional.empty() : Optional.of(text));
      }
    }
    return texts;
  }

  /** The result names: Calcite's, with {@code EXPR$i} replaced by the expression's text. */
  static List<String> names(List<String> calciteNames, List<Optional<String>> texts) {
    if (texts.size() != calciteNames.size()) {
      return calciteNames;
    }
    Set<String> taken = new HashSet<>();
    for (String name : calciteNames) {
      taken.add(name.toLowerCase(Locale.ROOT));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < calciteNames.size(); i++) {
      String name = calciteNames.get(i);
      Optional<String> text = texts.get(i);
      if (name.equals("EXPR$" + i)
          && text.isPresent()
          && taken.add(text.get().toLowerCase(Locale.ROOT))) {
        name = text.get();
      }
      names.add(name);
    }
    return names;
  }

  /**
   * The pipeline with its output columns named {@code names}: the last Project renamed, or the last
   * Aggregate's calls when only they change name, or else a renaming Project appended.
   */
  static Pipeline rename(Pipeline pipeline, List<String> names) {
    Schema output = pipeline.output();
    List<String> current = output.getFieldsList().stream().map(Field::getName).toList();
    if (current.equals(names)) {
      return pipeline;
    }
    List<PipelineStage> stages = new ArrayList<>(pipeline.stages());
    int last = stages.size() - 1;
    if (last >= 0 && stages.get(last).operator().getKindCase() == Operator.KindCase.PROJECT) {
      Project project = stages.get(last).operator().getProject();
      Project.Builder renamed = Project.newBuilder();
      for (int i = 0; i < names.size(); i++) {
        renamed.addExprs(project.getExprs(i).toBuilder().setName(names.get(i)));
      }
      stages.set(
          last,
          PipelineStage.over(
              pipeline.inputOf(last), Operator.newBuilder().setProject(renamed).build()));
    } else if (last >= 0 && renamesOnlyCalls(stages.get(last).operator(), current, names)) {
      Aggregate aggregate = stages.get(last).operator().getAggregate();
      Aggregate.Builder renamed = aggregate.toBuilder();
      int groups = aggregate.getGroupByCount();
      for (int i = 0; i < aggregate.getCallsCount(); i++) {
        renamed.setCalls(i, aggregate.getCalls(i).toBuilder().setName(names.get(groups + i)));
      }
      stages.set(
          last,
          PipelineStage.over(
              pipeline.inputOf(last), Operator.newBuilder().setAggregate(renamed).build()));
    } else {
      Project.Builder renaming = Project.newBuilder();
      for (int i = 0; i < names.size(); i++) {
        Field field = output.getFields(i);
        renaming.addExprs(
            NamedExpr.newBuilder()
                .setName(names.get(i))
                .setExpr(Exprs.column(i, ValueType.of(field), field.getNullable())));
      }
      stages.add(PipelineStage.over(output, Operator.newBuilder().setProject(renaming).build()));
    }
    return new Pipeline(pipeline.scan(), stages);
  }

  private static boolean renamesOnlyCalls(
      Operator operator, List<String> current, List<String> names) {
    if (operator.getKindCase() != Operator.KindCase.AGGREGATE) {
      return false;
    }
    int groups = operator.getAggregate().getGroupByCount();
    return current.subList(0, groups).equals(names.subList(0, groups));
  }
}
