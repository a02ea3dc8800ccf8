# The README's two commands: `make demo` (the main job on corpora/) and `make test`.
SWIFT ?= swift
CRITIC := .build/release/critic

.PHONY: deps build demo test bench fuzz fuzz-smoke clean

deps:
	@bash scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c release --product critic

demo: build
	$(CRITIC) demo

# Tests run in release mode: the integration tests train and score on real corpora.
test: deps
	$(SWIFT) test -c release

bench: deps
	$(SWIFT) build -c release --product critic-bench
	.build/release/critic-bench $(BENCH)

# libFuzzer targets (Fuzz/README.md): every reader and loader for FUZZ_SECONDS each, one after
# another; fuzz-smoke is the short run .ci/run makes so that a regression fails CI.
FUZZ_SECONDS ?= 600
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) nice -n 10 Fuzz/run.sh $(FUZZ_TARGETS)

fuzz-smoke: deps
	FUZZ_SECONDS=12 Fuzz/run.sh

clean:
	rm -rf .build
