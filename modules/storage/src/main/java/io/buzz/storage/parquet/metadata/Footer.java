package io.buzz.storage.parquet.metadata;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.storage.parquet.RowGroupMetadata;
import io.buzz.storage.parquet.metadata.ThriftFooter.FileMetaData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Parquet footer, decoded and checked: the Thrift {@code FileMetaData} ({@link FooterParser}),
 * its schema mapped to Buzz's columns ({@link SchemaMapper}), its row groups with their chunks'
 * metadata and statistics ({@link RowGroupMetadataBuilder}). Immutable.
 */
public final class Footer {
  private final FileMetaData raw;
  private final List<ColumnDescriptor> columns;
  private final List<RowGroupMetadata> rowGroups;

  private final Map<Integer, String> fieldIds;

  private Footer(
      FileMetaData raw,
      List<ColumnDescriptor> columns,
      List<RowGroupMetadata> rowGroups,
      Map<Integer, String> fieldIds) {
    this.raw = raw;
    this.columns = columns;
    this.rowGroups = rowGroups;
    this.fieldIds = fieldIds;
  }

  /** The top-level columns' names by Parquet field id (empty when the writer set none). */
  public Map<Integer, String> fieldIds() {
    return fieldIds;
  }

  /**
   * Decodes the footer {@code buf[pos, end)}, which starts at file offset {@code footerStart}.
   *
   * @throws BuzzException BAD_QUERY naming {@code uri} when the footer does not parse or does not
   *     describe a readable file; UNSUPPORTED for chunks in other files and unknown codecs
   */
  public static Footer decode(String uri, byte[] buf, int pos, int end, long footerStart) {
    requireNonNull(uri, "uri is null");
    FileMetaData raw;
    SchemaMapper.Result schema;
    try {
      raw = FooterParser.parse(buf, pos, end, footerStart - pos);
      schema = SchemaMapper.map(raw.schema());
    } catch (MalformedParquetException e) {
      throw MalformedParquetException.corrupt(uri, "footer: " + e.getMessage(), e);
    }
    List<RowGroupMetadata> rowGroups = RowGroupMetadataBuilder.build(uri, raw, schema, footerStart);
    return new Footer(raw, schema.columns(), rowGroups, schema.fieldIds());
  }

  public long numRows() {
    return raw.numRows();
  }

  /** The writer, e.g. {@code "DuckDB version v1.2.0"}, when recorded. */
  public Optional<String> createdBy() {
    return Optional.ofNullable(raw.createdBy());
  }

  /** Every top-level column in schema order, supported or not. */
  public List<ColumnDescriptor> columns() {
    return columns;
  }

  public List<RowGroupMetadata> rowGroups() {
    return rowGroups;
  }

  /**
   * The ColumnOrder union member of leaf column {@code leaf}: {@link
   * ThriftFooter#ORDER_TYPE_DEFINED}, {@link #NO_ORDER} when the footer records no orders (bounds
   * then follow the deprecated signed order), or another member (an order Buzz lacks).
   */
  int columnOrder(int leaf) {
    List<Integer> orders = raw.columnOrders();
    if (orders == null) {
      return NO_ORDER;
    }
    return leaf < orders.size() ? orders.get(leaf) : UNKNOWN_ORDER;
  }

  /** The footer has no {@code column_orders}. */
  static final int NO_ORDER = 0;

  /** A column order the footer does not name. */
  static final int UNKNOWN_ORDER = -1;
}
