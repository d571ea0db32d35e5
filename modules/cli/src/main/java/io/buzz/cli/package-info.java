/**
 * {@code bin/buzz} ({@link io.buzz.cli.BuzzCli}, with picocli): {@code buzz query} runs a query
 * file, {@code buzz sql} one SQL statement over tables named on the command line, {@code buzz
 * serve} the query API with a local HComb and local HBees until stopped ({@code LocalServer}).
 * {@code QueryCommand} and {@code SqlCommand} share {@code RunCommand}, which runs the query on an
 * embedded local stack ({@code io.buzz.local.LocalStack}), against a server ({@code --server}) or
 * on Buzz deployed on AWS ({@code --aws}, {@code AwsOptions}), and turns a {@code BuzzException}
 * into the exit code.
 *
 * <p>{@code ResultPrinter} receives the result on an event loop ({@code
 * io.buzz.fuse.client.QueryClient}; with {@code --aws}, whole, from {@code
 * io.buzz.fuse.aws.FuseFunctionClient}) and writes it on the calling thread, pausing the call when
 * the writer falls behind; {@code ResultOutput} sends it to standard output, or to a file that
 * appears whole or not at all, in one of the formats of the {@code format} sub-package. Progress
 * ({@code ProgressLine}) and statistics ({@code StatisticsLine}) go to standard error.
 */
package io.buzz.cli;
