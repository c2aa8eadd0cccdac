"""The Lambda package: the runtime's modules, and nothing the content build alone needs."""

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _zip(packaged: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(packaged / "deployment.zip")


def test_build_only_modules_stay_out_of_the_package(packaged):
    names = _zip(packaged).namelist()
    assert not [n for n in names if n.startswith(("contentbuild/", "content/", "static_site/", "local/", "infra/"))]
    assert not [n for n in names if n.startswith("chalicelib/content/") and
                n.rsplit("/", 1)[-1].split(".")[0] in {"build", "source", "validate"}]
    assert not [n for n in names if n.endswith(".pyc") and n.startswith("chalicelib/")]  # no stale bytecode


def test_the_packaged_code_imports_only_what_the_package_holds(packaged):
    """Every import of app.py and chalicelib/ names the standard library or a top-level module of the zip:
    a runtime module importing a build-time library (yaml, PIL…) fails here, not in Lambda."""
    archive = _zip(packaged)
    names = archive.namelist()
    shipped = {n.split("/", 1)[0].removesuffix(".py") for n in names}
    missing = {}
    for name in names:
        if not (name == "app.py" or (name.startswith("chalicelib/") and name.endswith(".py"))):
            continue
        for node in ast.walk(ast.parse(archive.read(name), name)):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top not in shipped and top not in sys.stdlib_module_names and top != "boto3":
                    missing[f"{name}:{node.lineno}"] = top
    # boto3 is in the Lambda runtime (and pulled by nothing we ship): the one allowed outsider.
    assert not missing


def test_every_module_the_app_loads_is_in_the_package(packaged):
    loaded = subprocess.run(
        [sys.executable, "-c",
         "import sys, app; print('\\n'.join(m for m in sys.modules if m.split('.')[0] == 'chalicelib'))"],
        cwd=ROOT, capture_output=True, text=True, check=True,
        env={"JWT_SECRET": "test", "PATH": "/usr/bin:/bin", "AWS_DEFAULT_REGION": "eu-west-3"},
    ).stdout.split()
    shipped = {n.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
               for n in _zip(packaged).namelist() if n.endswith(".py")}
    assert set(loaded) - shipped == set()
