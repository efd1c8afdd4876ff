"""Sphinx configuration of the sklearn-mtb documentation.

Build with ``make html`` in this folder, or
``python -m sphinx -W --keep-going -b html . _build/html``.
The package must be importable, with its Cython core compiled
(``python setup.py build_ext --inplace`` from the repository root).

Environment variables:

- ``SKLEARN_MTB_DOCS_INTERSPHINX=0`` skips the links to the numpy,
  scikit-learn, matplotlib and Python docs (no network access is attempted).
  With it unset, the inventories are fetched, and a site that cannot be
  reached falls back to an empty local inventory, so an offline build still
  passes with ``-W``: references to those projects are then left as plain text.
- ``SKLEARN_MTB_DOCS_PLOT_GALLERY=0`` renders the example gallery without
  running the examples (same as ``-D plot_gallery=0``).
"""

import os
import re
import sys
import zlib
from datetime import date
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

DOC_DIR = Path(__file__).resolve().parent
REPO_ROOT = DOC_DIR.parent
# Document the working tree, not a possibly older installed copy.
sys.path.insert(0, str(REPO_ROOT))

import sklearn_mtb  # noqa: E402

# -- Project information -------------------------------------------------------

project = "sklearn-mtb"
author = "sklearn-mtb developers"
copyright = f"{date.today().year}, {author}"
release = sklearn_mtb.__version__
version = ".".join(release.split(".")[:2])

# -- General configuration -----------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    # Ships MathJax with the site, so formulas render without reaching a CDN.
    "sphinx-mathjax-offline",
    "sphinx.ext.viewcode",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "matplotlib.sphinxext.plot_directive",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
root_doc = "index"
default_role = "literal"
suppress_warnings = []

autosummary_generate = True
autodoc_default_options = {"members": True, "inherited-members": True}
autodoc_typehints = "none"

# numpydoc renders Parameters / Attributes / See Also; autosummary lists the
# members, so numpydoc must not add a second member table.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# -- Intersphinx: offline-safe -------------------------------------------------

_INTERSPHINX_SITES = {
    "python": "https://docs.python.org/3/",
    "numpy": "https://numpy.org/doc/stable/",
    "scipy": "https://docs.scipy.org/doc/scipy/",
    "sklearn": "https://scikit-learn.org/stable/",
    "matplotlib": "https://matplotlib.org/stable/",
    "pandas": "https://pandas.pydata.org/docs/",
}


def _empty_inventory():
    """Write a valid Sphinx inventory with no entries and return its path.

    intersphinx tries the locations of a project in order and only warns when
    all of them fail; this file is the last location of every project, so an
    unreachable site costs its links but never fails a ``-W`` build.
    """
    path = DOC_DIR / "_build" / "empty-objects.inv"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        b"# Sphinx inventory version 2\n"
        b"# Project: offline placeholder\n"
        b"# Version: 0\n"
        b"# The remainder of this file is compressed using zlib.\n"
    )
    path.write_bytes(header + zlib.compress(b""))
    return str(path)


if os.environ.get("SKLEARN_MTB_DOCS_INTERSPHINX", "1") == "0":
    intersphinx_mapping = {}
else:
    _fallback = _empty_inventory()
    intersphinx_mapping = {
        name: (url, (None, _fallback)) for name, url in _INTERSPHINX_SITES.items()
    }
intersphinx_timeout = 10

# -- Example gallery -----------------------------------------------------------

_EXAMPLES_DIR = REPO_ROOT / "examples"
_HAS_GALLERY = any(
    (_EXAMPLES_DIR / header).is_file()
    for header in ("README.txt", "README.rst", "GALLERY_HEADER.rst")
)
if not _HAS_GALLERY:
    # sphinx-gallery needs a header file in examples/. Until the gallery
    # exists, build without it and drop the toctree entry's warning only.
    logger.info(
        "examples/ has no README.txt or GALLERY_HEADER.rst: the example gallery "
        "is not built"
    )
    suppress_warnings += ["toc.not_readable"]

sphinx_gallery_conf = {
    "examples_dirs": ["../examples"] if _HAS_GALLERY else [],
    "gallery_dirs": ["auto_examples"] if _HAS_GALLERY else [],
    # Run every example whose file name starts with plot_.
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "backreferences_dir": "gen_modules/backreferences",
    "doc_module": ("sklearn_mtb",),
    "within_subsection_order": "FileNameSortKey",
    "remove_config_comments": True,
    "plot_gallery": os.environ.get("SKLEARN_MTB_DOCS_PLOT_GALLERY", "True"),
}

# -- matplotlib plot directive (figures drawn from code in the pages) ---------

plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
plot_rcparams = {"figure.autolayout": True}

# -- HTML output ---------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = f"sklearn-mtb {release}"
html_theme_options = {
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "secondary_sidebar_items": ["page-toc", "sourcelink"],
}
html_show_sourcelink = True

html_static_path = ["_static"]
html_css_files = ["custom.css"]

# Pages with no sub-pages have nothing for the left sidebar: without an empty
# list the theme draws a "Section Navigation" heading over an empty column.
html_sidebars = {page: [] for page in ("index", "user_guide", "results", "changelog")}

# "On this page" of a class lists its methods as "fit()", not as
# "MultiTaskBackpropRegressor.fit()", which is too wide for the sidebar.
toc_object_entries_show_parents = "hide"

# -- Docstring fix-ups ---------------------------------------------------------

# A one-line citation such as ".. [2] R. Caruana, ..." is read by docutils as
# an enumerated list whose first item is "R." (an upper-case letter and a
# period), and the page shows the list marker on top of the citation label.
# Escaping the period of a leading initial keeps the citation a paragraph.
_CITATION_INITIAL = re.compile(r"^(\s*\.\. \[[^\]]+\]\s+)([A-Z])\.(\s)")


def _escape_citation_initials(app, what, name, obj, options, lines):
    lines[:] = [_CITATION_INITIAL.sub(r"\1\2\\.\3", line) for line in lines]


def setup(app):
    app.connect("autodoc-process-docstring", _escape_citation_initials)
