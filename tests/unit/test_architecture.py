"""The directions of the house, read from the source (no import is run):

- the engine imports only itself and the standard library;
- a room reaches another room only through that room's `api.py`;
- only a room's `store.py` (and its `events.py`/`models.py`) imports the room's PynamoDB models;
- modules at chalicelib's top level (settings, web, errors…) import no room;
- no import cycle between chalicelib's modules.
"""

import ast
import sys
from pathlib import Path

from chalicelib.rooms import ROOMS, SHARED

ROOT = Path(__file__).resolve().parents[2]
ROOM_NAMES = {room.name for room in ROOMS}
# Modules allowed to import their room's models: the store, and the models themselves.
MODEL_IMPORTERS = {"store", "models"}


def modules() -> dict[str, set[str]]:
    """module → the chalicelib modules and top-level packages it imports (at any depth in the file)."""
    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                base = node.module
                if node.level:  # relative: resolve against the package
                    package = name.rsplit(".", node.level)[0]
                    base = f"{package}.{node.module}"
                imported.add(base)
                imported |= {f"{base}.{alias.name}" for alias in node.names}
        graph[name] = imported
    return graph


GRAPH = modules()


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "chalicelib" and parts[1] in ROOM_NAMES else None


def test_the_registry_names_every_room_and_shared_module():
    found = {p.name for p in (ROOT / "chalicelib").iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert found == ROOM_NAMES
    top = {p.stem for p in (ROOT / "chalicelib").glob("*.py") if p.stem != "__init__"}
    assert top == set(SHARED)


def test_the_engine_imports_only_itself_and_the_standard_library():
    for module, imported in GRAPH.items():
        if _room(module) != "engine":
            continue
        for name in imported:
            top = name.split(".")[0]
            assert name.startswith("chalicelib.engine") or (top != "chalicelib" and top in sys.stdlib_module_names), (
                f"{module} imports {name}"
            )


def test_a_room_reaches_another_only_through_its_api():
    for module, imported in GRAPH.items():
        mine = _room(module)
        for name in imported:
            other = _room(name)
            if other is None or other == mine or other == "engine":  # the engine is a pure library
                continue
            assert name.split(".")[2] == "api", f"{module} reaches {name}: use chalicelib.{other}.api"


def test_only_the_store_imports_the_models():
    for module, imported in GRAPH.items():
        room = _room(module)
        if room is None or module.split(".")[2] in MODEL_IMPORTERS:
            continue
        models = f"chalicelib.{room}.models"
        assert not any(n == models or n.startswith(models + ".") for n in imported), f"{module} imports {models}"


def test_shared_modules_import_no_room():
    for name in SHARED:
        for imported in GRAPH.get(f"chalicelib.{name}", ()):
            assert _room(imported) is None or name == "rooms", f"chalicelib.{name} imports {imported}"


def test_no_import_cycle():
    edges = {m: {i for i in imported if i in GRAPH and i != m} for m, imported in GRAPH.items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in edges[node]:
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join(path[path.index(nxt):] + [node, nxt]))
            if nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
