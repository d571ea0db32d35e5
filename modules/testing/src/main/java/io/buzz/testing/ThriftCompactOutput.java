package io.buzz.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Thrift compact protocol, write side, as much as Parquet metadata needs: structs with
 * delta-coded field ids, zigzag varints, binary, lists and bools. Call order per struct: {@code
 * begin()}, fields, {@code end()}; list elements follow their {@code list} header.
 */
final class ThriftCompactOutput {
  static final int TRUE = 1;
  static final int FALSE = 2;
  static final int I32 = 5;
  static final int I64 = 6;
  static final int BINARY = 8;
  static final int LIST = 9;
  static final int STRUCT = 12;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Deque<Integer> outer = new ArrayDeque<>();
  private int last;

  ThriftCompactOutput begin() {
    outer.push(last);
    last = 0;
    return this;
  }

  ThriftCompactOutput end() {
    out.write(0);
    last = outer.pop();
    return this;
  }

  /** A struct-valued field; close it with {@link #end()}. */
  ThriftCompactOutput struct(int id) {
    return field(id, STRUCT).begin();
  }

  ThriftCompactOutput i32(int id, int value) {
    return field(id, I32).varint(zigzag(value));
  }

  ThriftCompactOutput i64(int id, long value) {
    return field(id, I64).varint(zigzag(value));
  }

  ThriftCompactOutput binary(int id, byte[] value) {
    return field(id, BINARY).element(value);
  }

  ThriftCompactOutput string(int id, String value) {
    return binary(id, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A list field's header; then write {@code size} elements of {@code type}. */
  ThriftCompactOutput list(int id, int type, int size) {
    field(id, LIST);
    if (size < 15) {
      out.write(size << 4 | type);
      return this;
    }
    out.write(0xF0 | type);
    return varint(size);
  }

  ThriftCompactOutput element(long i64) {
    return varint(zigzag(i64));
  }

  ThriftCompactOutput element(byte[] binary) {
    varint(binary.length);
    out.writeBytes(binary);
    return this;
  }

  ThriftCompactOutput element(boolean bool) {
    out.write(bool ? TRUE : FALSE);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private ThriftCompactOutput field(int id, int type) {
    if (id > last && id - last <= 15) {
      out.write((id - last) << 4 | type);
    } else {
      out.write(type);
      varint(zigzag(id));
    }
    last = id;
    return this;
  }

  private static long zigzag(long value) {
    return value << 1 ^ value >> 63;
  }

  private ThriftCompactOutput varint(long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) (rest & 0x7F | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
    return this;
  }
}
