"""What a user sees when the package is imported from sources whose core is not built."""

import shutil
import subprocess
import sys
from pathlib import Path

import sklearn_mtb


def test_unbuilt_source_tree_says_how_to_build(tmp_path):
    # A copy of the package without its compiled extension, imported from the current
    # directory, as `python -m sklearn_mtb.experiments` does in the root of a checkout after
    # a plain `pip install .`. An editable install's import hook would find the real
    # extension, so the child process drops it first.
    source = Path(sklearn_mtb.__file__).parent
    shutil.copytree(source, tmp_path / "sklearn_mtb",
                    ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"))
    code = (
        "import sys\n"
        "sys.meta_path[:] = [f for f in sys.meta_path\n"
        "                    if 'editable' not in repr(f).lower()]\n"
        "import sklearn_mtb\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "compiled core of sklearn_mtb" in result.stderr
    assert "pip install -e ." in result.stderr
