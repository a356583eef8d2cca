"""HTTP semantics shared by the API and the pages: caching and ETags, problem+json, middleware.

Imports neither app.api nor app.web: both stand on it.
"""
