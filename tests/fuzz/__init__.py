"""Fuzzers for the file-facing parts of policyopts.

``python -m tests.fuzz.fuzz_load_case --seconds 60`` (or ``make fuzz``) feeds
random and mutated case files to :func:`policyopts.load_case` and fails if
anything but a :class:`policyopts.CaseError` comes out.
"""
