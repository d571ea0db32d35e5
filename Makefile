# Buzz: the two commands are `make run` and `make test`. Both need only a JDK 17 and make.
MVN := ./mvnw -B -ntp
SAMPLE_DIR := data/sample/nyc-taxi

.PHONY: run test build sample fmt clean bench bench-quick bench-build package push docker-login init deploy destroy run-aws

## Build, create the sample data set once, run the example query on the embedded local stack.
run: build sample
	bin/buzz query examples/query-delta-taxi.json

## Run every test of every module (unit, integration, end to end).
test:
	$(MVN) install

## Compile and package everything, without tests (and without the container images: make package).
build:
	$(MVN) -DskipTests -Dbuzz.images.skip=true install

## Generate the deterministic sample data set (skipped when it already exists).
sample: build
	bin/buzz-datagen --out $(SAMPLE_DIR)
	bin/buzz-datagen --out $(SAMPLE_DIR)-delta --delta

## Benchmark on the embedded local stack: latency suite vs DuckDB, load sweep, Fuse fan-out.
## Results: bench-results/ (JSON + SVG). `make bench QUICK=1` (or `make bench-quick`) takes about a
## minute; BENCH_ARGS passes more options to bin/buzz-bench (see README).
bench: bench-build
	bin/buzz-bench $(if $(QUICK),--quick) $(BENCH_ARGS)

bench-quick: bench-build
	bin/buzz-bench --quick $(BENCH_ARGS)

# Package the bench module and what it needs, without tests and without touching ~/.m2.
bench-build:
	$(MVN) -q -DskipTests -pl modules/bench -am package

## Apply the enforced formatting (google-java-format) to every module.
fmt:
	$(MVN) spotless:apply

clean:
	$(MVN) clean

# ---------------------------------------------------------------------------------------------
# Deployment to an AWS account (docs/deploy.md). Settings: STAGE, REGION, DEPLOY_PROFILE (AWS
# profile that deploys and queries), BACKEND_PROFILE, BACKEND_BUCKET and BACKEND_REGION (where
# the Terraform state lives); from the command line, the environment or an optional default.env
# (KEY=value lines); asked for on a terminal when missing. `make -n deploy` prints the commands.

DEPLOY_KEYS := STAGE REGION DEPLOY_PROFILE BACKEND_PROFILE BACKEND_BUCKET BACKEND_REGION IMAGE_TAG
# default.env: KEY=value lines (values without spaces; # starts a comment). The command line and
# the environment take precedence over it.
ifneq ($(wildcard default.env),)
  DEFAULT_ENV_BAD := $(shell grep -vE '^[[:space:]]*(\#.*)?$$' default.env | grep -vE '^[[:space:]]*($(subst $(eval) ,|,$(DEPLOY_KEYS)))[[:space:]]*[?:]?=' | head -1)
  ifneq ($(DEFAULT_ENV_BAD),)
    $(error default.env: unknown key or malformed line "$(DEFAULT_ENV_BAD)"; known keys: $(DEPLOY_KEYS))
  endif
  DEFAULT_ENV := $(shell sed -n -E 's/^[[:space:]]*([A-Z_]+)[[:space:]]*[?:]?=[[:space:]]*([^\#[:space:]]*).*$$/\1=\2/p' default.env)
  $(foreach kv,$(DEFAULT_ENV),$(eval $(firstword $(subst =, ,$(kv))) ?= $(patsubst $(firstword $(subst =, ,$(kv)))=%,%,$(kv))))
endif

TF := terraform -chdir=ops/terraform
NEED_TERRAFORM := command -v terraform >/dev/null || { echo "terraform is not installed: https://developer.hashicorp.com/terraform/install"; exit 2; }
IMAGE_TAG ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo latest)
IMAGES_MAIN := java -cp "modules/images/target/classes:$$(cat modules/images/target/classpath.txt)" io.buzz.images.ImagesMain
# $(call need,NAME,question): NAME's value, asked for on a terminal when it is not set.
need = $(or $($(1)),$(eval $(1) := $(shell [ -t 0 ] && { printf '%s: ' '$(2)' >&2; read -r v; echo "$$v"; }))$($(1)),$(error $(1) is not set: pass $(1)=... or put it in default.env ($(2))))

## Build the Lambda zips and the container image tarballs (no Docker needed); prints their sizes.
package:
	$(MVN) -DskipTests install
	$(MVN) -q -pl modules/images dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	@ls -l modules/hbee/target/buzz-hbee-lambda.zip modules/fuse/target/buzz-fuse-lambda.zip \
	  modules/images/target/images/*.tar | awk '{printf "%-60s %6.1f MB\n", $$9, $$5/1e6}'

## Push the HComb and Fuse images to the stage's ECR repositories (created by make deploy).
push:
	@test -f modules/images/target/classpath.txt || { echo "run make package first"; exit 2; }
	BUZZ_REGISTRY_PASSWORD="$$(aws ecr get-login-password --region $(call need,REGION,AWS region) --profile $(call need,DEPLOY_PROFILE,AWS profile that deploys))" \
	  $(IMAGES_MAIN) push --repository-root . --out modules/images/target/images --version $(IMAGE_TAG) --tag $(IMAGE_TAG) \
	  --hcomb-repository "$$(TF_WORKSPACE=$(call need,STAGE,stage (dev, prod...)) $(TF) output -raw hcomb_repository_url)" \
	  --fuse-repository "$$(TF_WORKSPACE=$(STAGE) $(TF) output -raw fuse_repository_url)"

## Log a local Docker (or podman) in to the stage's ECR registry, for users who pull or push by hand.
docker-login:
	aws ecr get-login-password --region $(call need,REGION,AWS region) --profile $(call need,DEPLOY_PROFILE,AWS profile that deploys) \
	  | $${DOCKER:-docker} login --username AWS --password-stdin "$$(TF_WORKSPACE=$(call need,STAGE,stage (dev, prod...)) $(TF) output -raw registry)"

## Connect Terraform to its S3 state (one state per stage, in workspaces) and select the stage.
init:
	@$(NEED_TERRAFORM)
	$(TF) init -reconfigure -backend-config=profile=$(call need,BACKEND_PROFILE,AWS profile of the state bucket) \
	  -backend-config=bucket=$(call need,BACKEND_BUCKET,S3 bucket of the Terraform state) \
	  -backend-config=region=$(call need,BACKEND_REGION,region of that bucket) \
	  -backend-config=key=buzz/terraform.tfstate -backend-config=workspace_key_prefix=buzz \
	  -backend-config=use_lockfile=true
	$(TF) workspace select -or-create $(call need,STAGE,stage (dev, prod...))

## Plan the stage, show the plan, ask, apply; then write .buzz/aws-STAGE.properties for bin/buzz --aws.
## Refuses a tree with uncommitted changes, or an image tag not yet pushed (FORCE=1 to deploy anyway).
deploy:
	@$(NEED_TERRAFORM)
	@if [ -z "$(FORCE)" ] && [ -n "$$(git status --porcelain -- . ':!ops/terraform/.terraform.lock.hcl')" ]; then \
	  echo "the working tree has uncommitted changes: commit them, or deploy anyway with FORCE=1"; exit 2; fi
	@test -f modules/hbee/target/buzz-hbee-lambda.zip -a -f modules/fuse/target/buzz-fuse-lambda.zip \
	  || { echo "no Lambda zips: run make package first"; exit 2; }
	@test -f ops/terraform/stages/$(call need,STAGE,stage (dev, prod...)).tfvars \
	  || { echo "no settings for stage $(STAGE): write ops/terraform/stages/$(STAGE).tfvars"; exit 2; }
	@if [ -z "$(FORCE)" ] && aws ecr describe-repositories --repository-names buzz-$(STAGE)-hcomb \
	    --region $(call need,REGION,AWS region) --profile $(call need,DEPLOY_PROFILE,AWS profile that deploys) >/dev/null 2>&1; then \
	  aws ecr describe-images --repository-name buzz-$(STAGE)-hcomb --image-ids imageTag=$(IMAGE_TAG) \
	    --region $(REGION) --profile $(DEPLOY_PROFILE) >/dev/null 2>&1 \
	  || { echo "image buzz-$(STAGE)-hcomb:$(IMAGE_TAG) is not in ECR: run make push STAGE=$(STAGE) first (FORCE=1 deploys anyway)"; exit 2; }; \
	else echo "the stage's repositories are created by this deployment: run make push STAGE=$(STAGE) before the first query"; fi
	mkdir -p .buzz
	$(TF) workspace select $(STAGE)
	AWS_PROFILE=$(call need,DEPLOY_PROFILE,AWS profile that deploys) $(TF) plan -input=false \
	  -var-file=stages/$(STAGE).tfvars -var stage=$(STAGE) -var region=$(call need,REGION,AWS region) \
	  -var image_tag=$(IMAGE_TAG) -out=$(CURDIR)/.buzz/$(STAGE).tfplan
	@printf 'Apply this plan to stage "%s" in %s? [y/N] ' "$(STAGE)" "$(REGION)"; read -r answer; \
	  [ "$$answer" = y ] || [ "$$answer" = yes ] || { echo "not applied"; exit 1; }
	AWS_PROFILE=$(DEPLOY_PROFILE) $(TF) apply -input=false $(CURDIR)/.buzz/$(STAGE).tfplan
	AWS_PROFILE=$(DEPLOY_PROFILE) $(TF) output -raw buzz_aws_properties > .buzz/aws-$(STAGE).properties
	@echo "bin/buzz --aws settings: .buzz/aws-$(STAGE).properties"

## Delete every resource of the stage (asks for the stage's name first).
destroy:
	@$(NEED_TERRAFORM)
	@printf 'Type the stage name to destroy "%s" in %s: ' "$(call need,STAGE,stage (dev, prod...))" "$(call need,REGION,AWS region)"; \
	  read -r answer; [ "$$answer" = "$(STAGE)" ] || { echo "not destroyed"; exit 1; }
	$(TF) workspace select $(STAGE)
	AWS_PROFILE=$(call need,DEPLOY_PROFILE,AWS profile that deploys) $(TF) destroy -input=false -auto-approve \
	  -var-file=stages/$(STAGE).tfvars -var stage=$(STAGE) -var region=$(REGION) -var image_tag=$(IMAGE_TAG)
	rm -f .buzz/aws-$(STAGE).properties .buzz/$(STAGE).tfplan

## Run a query on the deployed stage: make run-aws QUERY=examples/query-static-sample.json
run-aws:
	@test -n "$(QUERY)" || { echo "QUERY is not set: make run-aws QUERY=examples/....json"; exit 2; }
	@test -f .buzz/aws-$(call need,STAGE,stage (dev, prod...)).properties \
	  || { echo "no .buzz/aws-$(STAGE).properties: run make deploy STAGE=$(STAGE) first"; exit 2; }
	AWS_PROFILE=$(call need,DEPLOY_PROFILE,AWS profile that deploys) bin/buzz query --aws --aws-config .buzz/aws-$(STAGE).properties $(QUERY)
