/**
 * Delta deletion vectors as the HBee reads them: {@link io.buzz.storage.deletion.DeletedRows}
 * parses a RoaringBitmapArray (inline bytes from the log, or a stored vector whose size and CRC-32
 * are checked) and says, for a run of a file's rows, which to keep as a {@code Selection}. The Fuse
 * puts the vector in the task's {@code FileRef}; the HBee's runtime loads it ({@code
 * io.buzz.hbee.runtime.DeletionVectors}) and leaves the deleted rows out as it scans.
 */
package io.buzz.storage.deletion;
