"""The catalogue as served, compiled once per data and code: a restart skips the YAML, the checks and the indexes.

Reading ~1 MB of YAML, building the region polygons, the figure's geometry
and the X checks, then the lookup and search indexes takes ~0.6 s, most of a
start. None of it depends on anything but the data files, the code and the
figure checked, so the result is pickled under a key made of all three, in the
user's cache folder (`TRIGGERMAP_CACHE`, "off" to turn it off). A missing,
stale or unreadable file is ignored: the catalogue is loaded from the YAML as
always. The file is trusted as the code itself is: it lives with the user's
own files and is written only by triggermap.
"""

from __future__ import annotations

import copyreg
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import types
from functools import cache
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core

from app import lookup
from app.body.atlas import serving_checks
from app.catalogue.index import Catalogue
from app.catalogue.loader import catalogue_version, data_files, load_catalogue
from app.search import SearchIndex

log = logging.getLogger("triggermap")

PACKAGE = Path(__file__).resolve().parents[1]
KEEP = 4  # compiled catalogues kept per folder: the current one and a few recent edits


def _mapping_proxy(items: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(items)


copyreg.pickle(types.MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))


@cache
def code_fingerprint() -> str:
    """A hash of triggermap's own source, Python's version and pydantic's (the catalogue's models are
    pydantic's): a compiled catalogue from other code is never read."""
    versions = f"{sys.version}\0{pydantic.VERSION}\0{pydantic_core.__version__}"
    digest = hashlib.blake2b(versions.encode(), digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def compile_catalogue(catalogue: Catalogue) -> Catalogue:
    """Build what serving needs of a catalogue and keeps with it: the lookup and search indexes (the figure's
    geometry is built by its checks)."""
    lookup.index_of(catalogue)
    SearchIndex.of(catalogue)
    return catalogue


def load_served(folder: Path, figure: str, cache_dir: Path | None) -> Catalogue:
    """The catalogue of `folder` checked for `figure` and compiled: from the cache when it holds this data and
    code, else loaded (raising CatalogueInvalid as `load_catalogue` does) and then kept there."""
    folder = Path(folder)
    if cache_dir is None or not folder.is_dir():
        return compile_catalogue(load_catalogue(folder, checks=serving_checks(figure)))
    version = catalogue_version(data_files(folder), folder)
    key = hashlib.blake2b(f"{version}\0{figure}\0{code_fingerprint()}".encode(), digest_size=16).hexdigest()
    path = Path(cache_dir) / f"catalogue-{key}.pickle"
    try:
        with path.open("rb") as stream:
            found = pickle.load(stream)
        if isinstance(found, Catalogue) and found.version == version:
            return found
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign file: load from the YAML and write it again
        log.warning("ignoring the compiled catalogue %s: %r", path, exc)
    catalogue = compile_catalogue(load_catalogue(folder, checks=serving_checks(figure)))
    _keep(path, catalogue)
    return catalogue


def _keep(path: Path, catalogue: Catalogue) -> None:
    """Write atomically (a reader never sees half a file), then drop all but the newest few."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".catalogue-", delete=False) as stream:
            pickle.dump(catalogue, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(stream.name, path)
        kept = sorted(path.parent.glob("catalogue-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:  # a read-only home: serve without keeping it
        log.warning("could not keep the compiled catalogue in %s: %r", path.parent, exc)
