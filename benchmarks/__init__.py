"""Benchmarks, run by hand: `python -m benchmarks`. Never part of the test suite."""
