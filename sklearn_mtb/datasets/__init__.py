"""Synthetic multitask problems from Caruana's multitask backpropagation papers.

``make_1d_alvinn`` and ``make_1d_doors`` are synthetic stand-ins for the paper's two
domains (the real door images are not public); the ``make_*`` mechanism generators
isolate the five mechanisms of the paper's section 2; ``shuffle_aux_tasks`` is the
shuffle control. Every generator returns ``X`` and a pandas DataFrame ``y`` with one
named column per task, the main task first.
"""

from sklearn_mtb.datasets._alvinn import make_1d_alvinn
from sklearn_mtb.datasets._doors import make_1d_doors
from sklearn_mtb.datasets._mechanisms import (
    make_attribute_selection,
    make_blocking_amplification,
    make_eavesdropping,
    make_representation_bias,
    make_statistical_amplification,
)
from sklearn_mtb.datasets._shuffle import shuffle_aux_tasks

__all__ = [
    "make_1d_alvinn",
    "make_1d_doors",
    "make_attribute_selection",
    "make_blocking_amplification",
    "make_eavesdropping",
    "make_representation_bias",
    "make_statistical_amplification",
    "shuffle_aux_tasks",
]
