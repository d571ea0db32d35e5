/**
 * The container images of the HComb (Fargate task) and the Fuse's gRPC service, built without a
 * Docker daemon or a registry: {@link io.buzz.images.BaseLayers} makes the base (Debian packages'
 * libraries + a jlinked runtime), {@link io.buzz.images.ImageBuilder} assembles each image with
 * Jib's library, {@link io.buzz.images.ImagesMain} is what {@code make package} and {@code make
 * push} run.
 */
package io.buzz.images;
