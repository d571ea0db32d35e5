/**
 * The Fuse on AWS: its settings ({@link io.buzz.fuse.aws.AwsSettings}), its wiring to Lambda, ECS
 * and S3 ({@link io.buzz.fuse.aws.AwsFuse}), its entry points — the Lambda function {@link
 * io.buzz.fuse.aws.FuseHandler} and the gRPC service {@link io.buzz.fuse.aws.FuseServer} — and the
 * client {@code buzz query --aws} uses ({@link io.buzz.fuse.aws.FuseFunctionClient}). Nothing here
 * depends on the HBee or HComb code: on AWS they are other processes.
 */
package io.buzz.fuse.aws;
