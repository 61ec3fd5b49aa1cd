"""summarize-cli: read, clean, summarise and translate news articles locally."""

__version__ = "0.1.0"
