"""The leaf text layer: what code can read off a sentence without a model.

normalize: normalisation and content terms; quantities: numbers with units, scale and
approximation; facts: dates, places, names, speakers; polarity: negation scope. Nothing here
imports from the rest of `agent`: every stage (ingest, retrieval, generation, verification)
reads sentences through it.
"""
