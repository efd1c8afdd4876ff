"""sklearn-mtb: multitask backpropagation (Caruana, 1994) as scikit-learn estimators.

One feed-forward net with a shared hidden layer learns main tasks together with related
auxiliary tasks; each task has its own output head, its own early-stopping snapshot and its
own learning-rate weight.
"""

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
