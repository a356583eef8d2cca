"""Every path triggermap links to, built in one place (datasette's url_builder)."""

from __future__ import annotations

from urllib.parse import quote

# A record kind as the search and the records name it -> its collection in URLs.
COLLECTION = {
    "region": "regions",
    "muscle": "muscles",
    "trigger-point": "trigger-points",
    "condition": "conditions",
    "regions": "regions",
    "muscles": "muscles",
    "trigger-points": "trigger-points",
    "conditions": "conditions",
}


def page(kind: str, ident: str) -> str:
    return f"/{COLLECTION[kind]}/{quote(ident)}"


def api(kind: str, ident: str) -> str:
    return f"/api/v1/{COLLECTION[kind]}/{quote(ident)}"


def region(region_id: str) -> str:
    return page("region", region_id)


def trigger_point(tp_id: str, side: str = "right") -> str:
    """A TrP's page; the right side is the default and stays out of the URL."""
    return page("trigger-point", tp_id) + ("" if side == "right" else f"?side={quote(side)}")


def thumbnail(tp_id: str, side: str = "right") -> str:
    return f"/svg/trigger-points/{quote(tp_id)}.svg" + ("" if side == "right" else f"?side={quote(side)}")


def view_svg(view_id: str) -> str:
    return f"/svg/{quote(view_id)}.svg"
