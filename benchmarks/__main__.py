"""`python -m benchmarks [bench_capture ...]` runs every benchmark (or the named ones) and prints one table."""

from benchmarks.run_all import main

raise SystemExit(main())
