"""Statements as a dataset of Parquet parts, for analytics and for extraction spread over many machines."""
