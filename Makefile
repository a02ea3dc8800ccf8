# The README's two commands: `make demo` (the main job on corpora/) and `make test`.
SWIFT ?= swift
CRITIC := .build/release/critic

.PHONY: deps build demo test bench kill-test clean

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

# kill -9 at random moments during every kind of write (issue 12): `make kill-test KILLS=40`.
kill-test: build
	bash scripts/kill-test.sh $(KILLS)

clean:
	rm -rf .build
