"""The query layer: a catalogue snapshot in, published schema objects (or their bytes) out.

Both routers call it, api/ for JSON and web/ for pages, so the two cannot
disagree. It imports no FastAPI, no app.api and no app.web.
"""
