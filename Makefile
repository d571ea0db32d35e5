# Buzz: the two commands are `make run` and `make test`. Both need only a JDK 17 and make.
MVN := ./mvnw -B -ntp
SAMPLE_DIR := data/sample/nyc-taxi

.PHONY: run test build sample fmt clean bench bench-quick bench-build

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
