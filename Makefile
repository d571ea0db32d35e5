# Buzz: the two commands are `make run` and `make test`. Both need only a JDK 17 and make.
MVN := ./mvnw -B -ntp
SAMPLE_DIR := data/sample/nyc-taxi

.PHONY: run test build sample fmt clean

## Build, create the sample data set once, run the example query on the embedded local stack.
run: build sample
	bin/buzz query examples/query-static-sample.json

## Run every test of every module (unit, integration, end to end).
test:
	$(MVN) install

## Compile and package everything, without tests.
build:
	$(MVN) -DskipTests install

## Generate the deterministic sample data set (skipped when it already exists).
sample: build
	bin/buzz-datagen --out $(SAMPLE_DIR)

## Apply the enforced formatting (google-java-format) to every module.
fmt:
	$(MVN) spotless:apply

clean:
	$(MVN) clean
