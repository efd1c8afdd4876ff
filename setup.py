"""Build the Cython extension(s) of sklearn-mtb; all metadata is in pyproject.toml.

Set ``SKLEARN_MTB_BOUNDSCHECK=1`` to build with Cython bounds and wraparound checks
(for debugging), and ``SKLEARN_MTB_NATIVE=1`` to compile for this machine's CPU only
(``-march=native``), which is faster but not portable.
"""

import os

import numpy as np
from Cython.Build import cythonize
from setuptools import Extension, setup

checks = os.environ.get("SKLEARN_MTB_BOUNDSCHECK", "0") == "1"
directives = {
    "language_level": 3,
    "boundscheck": checks,
    "wraparound": checks,
    "initializedcheck": checks,
    "cdivision": True,
}
compile_args = ["-O3"]
if os.environ.get("SKLEARN_MTB_NATIVE", "0") == "1":
    compile_args += ["-march=native"]

extensions = [
    Extension(
        "sklearn_mtb._core",
        ["sklearn_mtb/_core.pyx"],
        include_dirs=[np.get_include(), "sklearn_mtb"],
        depends=["sklearn_mtb/_kernels.h"],
        define_macros=[("NPY_NO_DEPRECATED_API", "NPY_1_9_API_VERSION")],
        extra_compile_args=compile_args,
    )
]

setup(ext_modules=cythonize(extensions, compiler_directives=directives))
