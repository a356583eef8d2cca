"""The baseline: a bare FastAPI app returning a small constant JSON, the framework's own limit."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/c")
def constant():  # type: ignore[no-untyped-def]  # unannotated like the acceptance check's, so no response model
    return {"status": "ok", "n": 1}
