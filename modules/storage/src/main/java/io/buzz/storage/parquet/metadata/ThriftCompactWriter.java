package io.buzz.storage.parquet.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Thrift compact protocol, write side, as much as Parquet's footer, page headers and page
 * indexes need (the read side is {@link CompactReader}): structs with delta-coded field ids, bool
 * fields (the value in the field header), bytes, zigzag varint i32 and i64, binary and lists. Call
 * order per struct: {@link #begin}, its fields, {@link #end}; a list's elements follow its {@link
 * #list} header, a struct element opened with {@link #begin}. A Thrift union is a struct with
 * exactly one field set.
 *
 * <p>Not thread-safe; one instance per message. {@link #toByteArray} may be called once the
 * outermost struct has ended.
 */
public final class ThriftCompactWriter {
  /** Compact-protocol type ids, as list element types. */
  public static final int BOOLEAN_TRUE = 1;

  public static final int BOOLEAN_FALSE = 2;
  private static final int BYTE = 3;
  public static final int I32 = 5;
  public static final int I64 = 6;
  public static final int BINARY = 8;
  private static final int LIST = 9;
  public static final int STRUCT = 12;
  private static final int MAX_DEPTH = 16;

  private byte[] bytes = new byte[256];
  private int size;

  /** The last field id of each open struct, outermost first. */
  private final int[] lastIds = new int[MAX_DEPTH];

  private int depth = -1;

  /** Opens a struct: the message itself, or a list element. */
  public ThriftCompactWriter begin() {
    if (++depth == MAX_DEPTH) {
      throw new IllegalStateException("structs nested deeper than " + MAX_DEPTH);
    }
    lastIds[depth] = 0;
    return this;
  }

  /** Closes the innermost open struct. */
  public ThriftCompactWriter end() {
    if (depth < 0) {
      throw new IllegalStateException("end() without an open struct");
    }
    write(0); // STOP
    depth--;
    return this;
  }

  /** A struct-valued field, left open: close it with {@link #end}. */
  public ThriftCompactWriter struct(int id) {
    return field(id, STRUCT).begin();
  }

  /** A struct-valued field with no fields (the members of Parquet's type unions). */
  public ThriftCompactWriter emptyStruct(int id) {
    return struct(id).end();
  }

  public ThriftCompactWriter bool(int id, boolean value) {
    return field(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
  }

  public ThriftCompactWriter i8(int id, int value) {
    field(id, BYTE);
    write(value);
    return this;
  }

  public ThriftCompactWriter i32(int id, int value) {
    return field(id, I32).varint(zigzag(value));
  }

  public ThriftCompactWriter i64(int id, long value) {
    return field(id, I64).varint(zigzag(value));
  }

  public ThriftCompactWriter binary(int id, byte[] value) {
    return field(id, BINARY).element(value);
  }

  public ThriftCompactWriter string(int id, String value) {
    return binary(id, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A list field's header: then write {@code count} elements of {@code elementType}. */
  public ThriftCompactWriter list(int id, int elementType, int count) {
    field(id, LIST);
    if (count < 15) {
      write(count << 4 | elementType);
      return this;
    }
    write(0xF0 | elementType);
    return varint(count);
  }

  /** An i32 or i64 list element. */
  public ThriftCompactWriter element(long value) {
    return varint(zigzag(value));
  }

  /** A binary list element (or a binary field's value). */
  public ThriftCompactWriter element(byte[] value) {
    varint(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
    return this;
  }

  /** A bool list element. */
  public ThriftCompactWriter element(boolean value) {
    write(value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
    return this;
  }

  /** A string list element, in UTF-8. */
  public ThriftCompactWriter element(String value) {
    return element(value.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] toByteArray() {
    if (depth >= 0) {
      throw new IllegalStateException(depth + 1 + " structs are still open");
    }
    return Arrays.copyOf(bytes, size);
  }

  private ThriftCompactWriter field(int id, int type) {
    int delta = id - lastIds[depth];
    if (delta > 0 && delta <= 15) {
      write(delta << 4 | type);
    } else {
      write(type);
      varint(zigzag(id));
    }
    lastIds[depth] = id;
    return this;
  }

  private static long zigzag(long value) {
    return value << 1 ^ value >> 63;
  }

  private ThriftCompactWriter varint(long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      write((int) (rest & 0x7F | 0x80));
      rest >>>= 7;
    }
    write((int) rest);
    return this;
  }

  private void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
