"""sourcebound: cited answers, summaries and claim checks over news articles."""

__version__ = "0.1.0"
