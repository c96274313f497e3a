"""The record: the SQLite store, speakers across articles, merged quotes, ingest, export, reading.

Nothing here imports spaCy: ingest takes its extraction as an ``Extractor`` from the caller.
"""
