# The two set-up commands of the README. Both install what the HiGHS build needs first
# (scripts/with-deps.sh). Tests run in the release profile so that HiGHS (about 8 minutes
# on 2 cores) is compiled once for both.
.PHONY: demo test lint bench

demo:
	scripts/with-deps.sh cargo run --release --quiet -- plan data/demo

test:
	scripts/with-deps.sh cargo test --release

lint:
	scripts/with-deps.sh cargo fmt --check
	scripts/with-deps.sh cargo clippy --release --all-targets -- -D warnings

bench:
	scripts/with-deps.sh cargo bench
