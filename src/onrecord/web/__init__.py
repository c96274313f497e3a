"""The web app over the record (``onrecord serve``)."""
from .app import create_app

__all__ = ["create_app"]
