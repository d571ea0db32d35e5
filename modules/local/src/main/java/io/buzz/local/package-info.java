/**
 * Buzz on one machine: the embedded stack of {@code make run}, the tests and the bench ({@link
 * io.buzz.local.LocalStack}), and where the packages the twins run are found ({@link
 * io.buzz.local.Packages}).
 */
package io.buzz.local;
