/**
 * Native memory for Arrow buffers: every Buzz process makes its one root allocator with {@link
 * io.buzz.kernels.memory.Allocators#root()}, whose blocks come from the C allocator and, once
 * freed, wait in the process's {@link io.buzz.kernels.memory.BlockPool} for the next buffer of the
 * same size instead of going back to the kernel. Queries and tasks take named child allocators of
 * that root as before (children inherit its allocation manager). Arrow accepts a custom allocation
 * manager only through a package-private configuration; the one class Buzz keeps in Arrow's
 * package, {@code org.apache.arrow.memory.BuzzRootAllocators}, builds the root for this package.
 */
package io.buzz.kernels.memory;
