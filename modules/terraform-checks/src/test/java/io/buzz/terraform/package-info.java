/**
 * Offline checks of {@code ops/terraform} that {@code make test} runs: {@link
 * io.buzz.terraform.HclParser} (HashiCorp's HCL parser from npm), {@link
 * io.buzz.terraform.TerraformChecks} (references, module interfaces, documentation, least
 * privilege), {@link io.buzz.terraform.TerraformTest} (the stack, and proof the checks can fail).
 */
package io.buzz.terraform;
