/**
 * Arrow IPC encoding and decoding of schemas and {@code batch.Batch}es ({@link
 * io.buzz.kernels.ipc.IpcCodec}), in two framings. Encapsulated messages concatenate into a
 * standard Arrow IPC stream; they carry results from the HComb to the Fuse and from the Fuse to its
 * clients (the {@code arrow_schema} and {@code arrow_batch} events). The Flight split form ({@link
 * io.buzz.kernels.ipc.FlightMessage}: the flatbuffer header apart from the body) is what HBees send
 * the HComb in {@code DoPut}, cut by {@code IpcCodec.flightBatches} so that each message stays well
 * below the gRPC message limit. No compression, no dictionaries; decoding copies the body once into
 * a buffer of the caller's allocator.
 */
package io.buzz.kernels.ipc;
