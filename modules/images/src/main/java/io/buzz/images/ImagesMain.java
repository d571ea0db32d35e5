package io.buzz.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make package} and {@code make push}: builds the HComb and Fuse images to tarballs, or
 * pushes them to a registry (ECR).
 *
 * <pre>
 *   ImagesMain build --repository-root . --out modules/images/target/images --version 0.1.0
 *   BUZZ_REGISTRY_PASSWORD=$(aws ecr get-login-password) \
 *   ImagesMain push  --repository-root . --out … --version 0.1.0 --tag abc123 \
 *                    --hcomb-repository 123456789012.dkr.ecr.eu-west-1.amazonaws.com/buzz-dev-hcomb \
 *                    --fuse-repository 123456789012.dkr.ecr.eu-west-1.amazonaws.com/buzz-dev-fuse
 *   (or --registry HOST: the repositories are HOST/buzz-hcomb and HOST/buzz-fuse)
 * </pre>
 *
 * <p>{@code --allow-http true} pushes to a plain-HTTP registry without credentials (a registry on
 * this machine, as the tests use); ECR always takes HTTPS and the password.
 *
 * <p>Exit status 0 on success, 2 on a usage error, 1 on a failed build or push (one line says why).
 */
public final class ImagesMain {
  private ImagesMain() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (UsageException e) {
      System.err.println("buzz-images: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("buzz-images: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0 || !List.of("build", "push").contains(args[0])) {
      throw new UsageException(
          "usage: build|push --repository-root DIR --out DIR --version V [--tag TAG]"
              + " [--hcomb-repository URL --fuse-repository URL | --registry HOST]"
              + " [--allow-http true]");
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new UsageException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    Path root = Path.of(required(options, "repository-root")).toAbsolutePath();
    Path out = Path.of(required(options, "out")).toAbsolutePath();
    String version = required(options, "version");
    Files.createDirectories(out);
    long started = System.nanoTime();
    BaseLayers base = BaseLayers.make(out.resolve("base"));
    ImageBuilder builder = new ImageBuilder(base);
    Path cache = out.resolve("jib-cache");
    for (ImageSpec spec : ImageSpec.all(root)) {
      if (args[0].equals("build")) {
        Path tar = out.resolve(spec.name() + ".tar");
        ImageBuilder.writeTar(
            builder.assemble(spec, version), spec.name() + ":" + version, tar, cache);
        System.out.printf(
            "buzz-images: %s:%s -> %s (%.1f MB)%n",
            spec.name(), version, root.relativize(tar), Files.size(tar) / 1e6);
      } else {
        String tag = options.getOrDefault("tag", version);
        // The stage's ECR repository (Terraform's output), else <registry>/<image name>.
        String repository = options.get(spec.component() + "-repository");
        if (repository == null) {
          repository = required(options, "registry") + "/" + spec.name();
        }
        boolean http = Boolean.parseBoolean(options.getOrDefault("allow-http", "false"));
        String reference = repository + ":" + tag;
        RegistryImage target = RegistryImage.named(reference);
        String password = System.getenv("BUZZ_REGISTRY_PASSWORD");
        if (password != null && !password.isBlank()) {
          target.addCredential(System.getenv().getOrDefault("BUZZ_REGISTRY_USER", "AWS"), password);
        } else if (!http) {
          throw new UsageException(
              "BUZZ_REGISTRY_PASSWORD is not set (for ECR: aws ecr get-login-password)");
        }
        try {
          builder
              .assemble(spec, version)
              .containerize(
                  ImageBuilder.configure(Containerizer.to(target), cache)
                      .setAllowInsecureRegistries(http));
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          throw new java.io.IOException(
              "pushing " + reference + " failed: " + cause.getMessage(), cause);
        }
        System.out.println("buzz-images: pushed " + reference);
      }
    }
    System.out.printf("buzz-images: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return 0;
  }

  /** A wrong command line or missing setting: exit status 2. */
  private static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }
}
