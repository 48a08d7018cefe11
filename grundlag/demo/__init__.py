"""The demo: a fictional municipality that uses every capability, built only through each domain's services.

It sits above every domain (it may import any of them; none imports it), so that the demo, the tests and
the benchmarks exercise the same code. Deterministic for a seed; development only.
"""
