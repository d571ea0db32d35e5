package io.buzz.fuse.catalog.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Kernel's default handlers (JSON, Parquet checkpoints through parquet-mr, expressions) over {@link
 * DeltaFileIO}, so no Hadoop file system is ever created; without Kernel's metrics reporter, which
 * logs every snapshot and scan; and with commit files named in JSON failures, so a corrupt log says
 * which file is corrupt.
 */
final class DeltaEngine extends DefaultEngine {
  DeltaEngine(FileIO fileIO) {
    super(fileIO);
  }

  @Override
  public List<MetricsReporter> getMetricsReporters() {
    return List.of();
  }

  @Override
  public JsonHandler getJsonHandler() {
    JsonHandler json = super.getJsonHandler();
    return new JsonHandler() {
      @Override
      public ColumnarBatch parseJson(
          ColumnVector jsonStringVector,
          StructType outputSchema,
          Optional<ColumnVector> selectionVector) {
        return json.parseJson(jsonStringVector, outputSchema, selectionVector);
      }

      @Override
      public CloseableIterator<ColumnarBatch> readJsonFiles(
          CloseableIterator<FileStatus> fileIter,
          StructType physicalSchema,
          Optional<Predicate> predicate)
          throws IOException {
        String[] current = {null};
        CloseableIterator<ColumnarBatch> batches =
            json.readJsonFiles(
                fileIter.map(
                    file -> {
                      current[0] = file.getPath();
                      return file;
                    }),
                physicalSchema,
                predicate);
        return new CloseableIterator<>() {
          @Override
          public boolean hasNext() {
            try {
              return batches.hasNext();
            } catch (RuntimeException e) {
              throw named(e);
            }
          }

          @Override
          public ColumnarBatch next() {
            try {
              return batches.next();
            } catch (RuntimeException e) {
              throw named(e);
            }
          }

          @Override
          public void close() throws IOException {
            batches.close();
          }

          private RuntimeException named(RuntimeException e) {
            return current[0] == null ? e : new KernelEngineException("reading " + current[0], e);
          }
        };
      }

      @Override
      public void writeJsonFileAtomically(
          String filePath, CloseableIterator<Row> data, boolean overwrite) throws IOException {
        // the file IO refuses it, but for the warm-up's own table
        json.writeJsonFileAtomically(filePath, data, overwrite);
      }
    };
  }
}
