"""Scoring statements against gold attributions (PolNeAR's brat files), for any system's JSONL.

Nothing here imports the pipeline: ``onrecord eval`` extracts first, then scores.
"""
