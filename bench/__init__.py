"""Benchmarks: peer table extractors scored by lampiran's own scorer, and timing harnesses.

Not part of the lampiran package: peers run in their own virtualenvs under `.bench/`.
"""
