package io.buzz.storage.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal Thrift compact-protocol writer, for hand-made Parquet files in tests. It keeps its own
 * copy of the wire type ids, so that it checks the reader's rather than sharing them.
 */
final class CompactWriter {
  static final int BOOLEAN_TRUE = 1;
  static final int BOOLEAN_FALSE = 2;
  static final int I32 = 5;
  static final int I64 = 6;
  static final int BINARY = 8;
  static final int LIST = 9;
  static final int STRUCT = 12;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Deque<Integer> lastIds = new ArrayDeque<>();
  private int lastId;

  CompactWriter beginStruct() {
    lastIds.push(lastId);
    lastId = 0;
    return this;
  }

  CompactWriter endStruct() {
    out.write(0);
    lastId = lastIds.pop();
    return this;
  }

  CompactWriter fieldHeader(int id, int type) {
    int delta = id - lastId;
    if (delta > 0 && delta <= 15) {
      out.write((delta << 4) | type);
    } else {
      out.write(type);
      varint((id << 1) ^ (id >> 31));
    }
    lastId = id;
    return this;
  }

  CompactWriter i32(int id, int value) {
    fieldHeader(id, I32);
    return zigzag(value);
  }

  CompactWriter i64(int id, long value) {
    fieldHeader(id, I64);
    varint((value << 1) ^ (value >> 63));
    return this;
  }

  CompactWriter bool(int id, boolean value) {
    return fieldHeader(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
  }

  CompactWriter string(int id, String value) {
    fieldHeader(id, BINARY);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    varint(bytes.length);
    out.writeBytes(bytes);
    return this;
  }

  CompactWriter struct(int id) {
    fieldHeader(id, STRUCT);
    return beginStruct();
  }

  CompactWriter list(int id, int elementType, int size) {
    fieldHeader(id, LIST);
    if (size < 15) {
      out.write((size << 4) | elementType);
    } else {
      out.write(0xF0 | elementType);
      varint(size);
    }
    return this;
  }

  CompactWriter zigzag(int value) {
    varint(((value << 1) ^ (value >> 31)) & 0xffffffffL); // an unsigned 32-bit varint
    return this;
  }

  CompactWriter rawString(String value) {
    return rawBinary(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A list element of type i64. */
  CompactWriter rawI64(long value) {
    varint((value << 1) ^ (value >> 63));
    return this;
  }

  /** A list element of type binary. */
  CompactWriter rawBinary(byte[] value) {
    varint(value.length);
    out.writeBytes(value);
    return this;
  }

  /** A list element of type bool: 1 for true, 2 for false. */
  CompactWriter rawBool(boolean value) {
    out.write(value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
    return this;
  }

  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
