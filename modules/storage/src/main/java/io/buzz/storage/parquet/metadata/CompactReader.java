package io.buzz.storage.parquet.metadata;

import java.nio.charset.StandardCharsets;

/**
 * A reader of the Thrift compact protocol over a byte array, just enough for Parquet's footer and
 * page headers: field headers with delta ids, zigzag varints, binary, lists, and skipping of any
 * value so that fields this reader does not know are ignored.
 *
 * <p>Robustness: every read is bounds-checked against {@code end}; list and binary sizes are
 * checked against the bytes left (so a corrupt size cannot trigger a huge allocation); nesting is
 * limited to {@link #MAX_DEPTH}. Violations raise {@link MalformedParquetException} with the byte
 * offset, counted from the start of the file when {@code fileOffset} is known.
 *
 * <p>Usage per struct: {@code int last = 0; for (int t; (t = r.readFieldHeader()) != STOP; last =
 * r.fieldId()) { switch (r.fieldId()) { ... default -> r.skip(t); } }}.
 */
final class CompactReader {
  static final int STOP = 0;
  static final int BOOLEAN_TRUE = 1;
  static final int BOOLEAN_FALSE = 2;
  static final int BYTE = 3;
  static final int I16 = 4;
  static final int I32 = 5;
  static final int I64 = 6;
  static final int DOUBLE = 7;
  static final int BINARY = 8;
  static final int LIST = 9;
  static final int SET = 10;
  static final int MAP = 11;
  static final int STRUCT = 12;

  static final int MAX_DEPTH = 64;

  private final byte[] buf;
  private final int end;
  private final long fileOffset;
  private int pos;
  private int fieldId;
  private int listElementType;
  private int depth;
  private final int[] lastFieldIds = new int[MAX_DEPTH + 1];

  /**
   * @param fileOffset the file offset of {@code buf[0]}, for error messages
   */
  CompactReader(byte[] buf, int pos, int end, long fileOffset) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.fileOffset = fileOffset;
  }

  int position() {
    return pos;
  }

  /** The id of the field whose header was read last. */
  int fieldId() {
    return fieldId;
  }

  /** The element type of the list whose header was read last. */
  int listElementType() {
    return listElementType;
  }

  /**
   * Reads a field header of the struct entered last; returns its type, or {@link #STOP} at the end
   * of the struct. Field ids are delta-coded against the previous field of the same struct, which
   * this reader tracks per nesting level.
   */
  int readFieldHeader() {
    int header = readUnsignedByte();
    int type = header & 0x0F;
    if (type == STOP) {
      return STOP;
    }
    int delta = header >>> 4;
    fieldId = delta != 0 ? lastFieldIds[depth] + delta : (short) zigzag32(readVarint32());
    lastFieldIds[depth] = fieldId;
    if (type > STRUCT) {
      throw malformed("unknown Thrift type " + type + " of field " + fieldId);
    }
    return type;
  }

  /** Enters a struct (the outermost one too); pair with {@link #endStruct()}. */
  void beginStruct() {
    if (++depth > MAX_DEPTH) {
      throw malformed("Thrift structs nested deeper than " + MAX_DEPTH);
    }
    lastFieldIds[depth] = 0;
  }

  void endStruct() {
    depth--;
  }

  boolean readBool(int fieldType) {
    return switch (fieldType) {
      case BOOLEAN_TRUE -> true;
      case BOOLEAN_FALSE -> false;
      default -> throw unexpected(fieldType, "bool");
    };
  }

  int readI32(int fieldType) {
    if (fieldType == I32 || fieldType == I16) {
      return zigzag32(readVarint32());
    }
    if (fieldType == BYTE) {
      return buf[checkedAdvance(1)];
    }
    throw unexpected(fieldType, "i32");
  }

  long readI64(int fieldType) {
    if (fieldType == I64) {
      long v = readVarint64();
      return (v >>> 1) ^ -(v & 1);
    }
    if (fieldType == I32 || fieldType == I16) {
      return zigzag32(readVarint32());
    }
    throw unexpected(fieldType, "i64");
  }

  byte[] readBinary(int fieldType) {
    if (fieldType != BINARY) {
      throw unexpected(fieldType, "binary");
    }
    int length = readVarint32();
    if (length < 0 || length > end - pos) {
      throw malformed("binary of " + length + " bytes exceeds the " + (end - pos) + " left");
    }
    int start = checkedAdvance(length);
    byte[] value = new byte[length];
    System.arraycopy(buf, start, value, 0, length);
    return value;
  }

  String readString(int fieldType) {
    return new String(readBinary(fieldType), StandardCharsets.UTF_8);
  }

  /** Reads a list header; returns the element count, the type is in {@link #listElementType()}. */
  int readListHeader(int fieldType) {
    if (fieldType != LIST && fieldType != SET) {
      throw unexpected(fieldType, "list");
    }
    int header = readUnsignedByte();
    int size = header >>> 4;
    if (size == 15) {
      size = readVarint32();
    }
    listElementType = header & 0x0F;
    if (size < 0 || size > end - pos) {
      throw malformed("list of " + size + " elements exceeds the " + (end - pos) + " bytes left");
    }
    return size;
  }

  /** Reads one list element of type i32 (e.g. an enum). */
  int readI32Element() {
    return readI32(listElementType);
  }

  /** Reads one list element of type i64. */
  long readI64Element() {
    return readI64(listElementType);
  }

  /** Reads one list element of type binary. */
  byte[] readBinaryElement() {
    return readBinary(listElementType);
  }

  /** Reads one list element of type bool: a byte, 1 for true (0 or 2 for false). */
  boolean readBoolElement() {
    if (listElementType != BOOLEAN_TRUE && listElementType != BOOLEAN_FALSE) {
      throw malformed("list of Thrift type " + listElementType + ", expected bool");
    }
    int value = readUnsignedByte();
    if (value > BOOLEAN_FALSE) {
      throw malformed("bool list element " + value);
    }
    return value == BOOLEAN_TRUE;
  }

  /** Skips a value of the given wire type, recursively. */
  void skip(int type) {
    switch (type) {
      case BOOLEAN_TRUE, BOOLEAN_FALSE -> {
        // a field's bool lives in its header; a list element's is one byte, skipped by skipList
      }
      case BYTE -> checkedAdvance(1);
      case I16, I32 -> readVarint32();
      case I64 -> readVarint64();
      case DOUBLE -> checkedAdvance(8);
      case BINARY -> {
        int length = readVarint32();
        if (length < 0) {
          throw malformed("negative binary length " + length);
        }
        checkedAdvance(length);
      }
      case LIST, SET -> skipList(type);
      case MAP -> skipMap();
      case STRUCT -> skipStruct();
      default -> throw malformed("cannot skip unknown Thrift type " + type);
    }
  }

  void skipStruct() {
    beginStruct();
    for (int type; (type = readFieldHeader()) != STOP; ) {
      skip(type);
    }
    endStruct();
  }

  private void skipList(int type) {
    int size = readListHeader(type);
    int elementType = listElementType;
    beginStruct();
    for (int i = 0; i < size; i++) {
      if (elementType == BOOLEAN_TRUE || elementType == BOOLEAN_FALSE) {
        checkedAdvance(1);
      } else {
        skip(elementType);
      }
    }
    endStruct();
  }

  private void skipMap() {
    int size = readVarint32();
    if (size < 0 || size > end - pos) {
      throw malformed("map of " + size + " entries exceeds the " + (end - pos) + " bytes left");
    }
    if (size == 0) {
      return;
    }
    int types = readUnsignedByte();
    int keyType = types >>> 4;
    int valueType = types & 0x0F;
    beginStruct();
    for (int i = 0; i < size; i++) {
      skipElement(keyType);
      skipElement(valueType);
    }
    endStruct();
  }

  private void skipElement(int type) {
    if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
      checkedAdvance(1);
    } else {
      skip(type);
    }
  }

  private int readUnsignedByte() {
    return buf[checkedAdvance(1)] & 0xFF;
  }

  private int readVarint32() {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readUnsignedByte();
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed("varint longer than 5 bytes");
  }

  private long readVarint64() {
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = readUnsignedByte();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed("varint longer than 10 bytes");
  }

  private static int zigzag32(int v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** Advances by {@code n} bytes and returns the old position. */
  private int checkedAdvance(int n) {
    if (n < 0 || n > end - pos) {
      throw malformed("Thrift data ends after " + (end - pos) + " bytes, " + n + " more needed");
    }
    int at = pos;
    pos += n;
    return at;
  }

  private MalformedParquetException unexpected(int type, String expected) {
    return malformed("field " + fieldId + " has Thrift type " + type + ", expected " + expected);
  }

  MalformedParquetException malformed(String message) {
    return new MalformedParquetException(message + " at byte offset " + (fileOffset + pos));
  }
}
