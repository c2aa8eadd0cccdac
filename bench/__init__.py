"""Benchmarks: measurement quality of the adaptive test (measurement), and others to come."""
