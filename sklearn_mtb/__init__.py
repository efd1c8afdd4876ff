"""sklearn-mtb: multitask backpropagation (Caruana, 1994) as scikit-learn estimators.

One feed-forward net with a shared hidden layer learns main tasks together with related
auxiliary tasks; each task has its own output head, its own early-stopping snapshot and its
own learning-rate weight.
"""

import os as _os

try:
    from sklearn_mtb import _core  # noqa: F401  (the compiled extension)
except ImportError as _exc:
    raise ImportError(
        f"The compiled core of sklearn_mtb (sklearn_mtb._core) is missing from "
        f"{_os.path.dirname(__file__)}. In the root of a source checkout Python imports "
        f"these sources, not an installed copy: build the core here with "
        f"'pip install -e .' (or 'python setup.py build_ext --inplace'), or run from "
        f"another directory."
    ) from _exc

from sklearn_mtb._estimators import (
    MultiTaskBackpropClassifier,
    MultiTaskBackpropRegressor,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "MultiTaskBackpropClassifier",
    "MultiTaskBackpropRegressor",
    "__version__",
]
