"""Shared helpers of the dataset generators: argument checks and DataFrame building."""

import numbers

import numpy as np


def _import_pandas(caller):
    """Return the pandas module, or raise an ImportError that says how to get it."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is in the test extra
        raise ImportError(
            f"{caller} returns its targets as a pandas DataFrame, which needs pandas: "
            "pip install pandas"
        ) from exc
    return pd


def _make_frame(pd, columns, data, dtypes=None):
    """Build a DataFrame from a dict of 1-D arrays, keeping the column order given."""
    frame = pd.DataFrame({name: data[name] for name in columns}, columns=list(columns))
    if dtypes:
        frame = frame.astype(dtypes)
    return frame


def _check_int(value, name, caller, *, min_value=None, max_value=None):
    """Validate an integer argument (bools are rejected) and return it as an int."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ValueError(
            f"{caller}: `{name}` must be an integer, got {value!r} "
            f"of type {type(value).__name__}."
        )
    value = int(value)
    if (min_value is not None and value < min_value) or (
        max_value is not None and value > max_value
    ):
        lo = "-inf" if min_value is None else min_value
        hi = "inf" if max_value is None else max_value
        raise ValueError(
            f"{caller}: `{name}` must be an integer in [{lo}, {hi}], got {value}."
        )
    return value


def _check_real(
    value, name, caller, *, min_value=None, max_value=None, closed="both"
):
    """Validate a finite real argument (bools are rejected) and return it as a float.

    ``closed`` is one of "both", "left", "right", "neither" and says which of the
    bounds are allowed.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(
            f"{caller}: `{name}` must be a real number, got {value!r} "
            f"of type {type(value).__name__}."
        )
    value = float(value)
    left_ok = min_value is None or (
        value >= min_value if closed in ("both", "left") else value > min_value
    )
    right_ok = max_value is None or (
        value <= max_value if closed in ("both", "right") else value < max_value
    )
    if not np.isfinite(value) or not left_ok or not right_ok:
        lb = "[" if closed in ("both", "left") else "("
        rb = "]" if closed in ("both", "right") else ")"
        lo = "-inf" if min_value is None else min_value
        hi = "inf" if max_value is None else max_value
        raise ValueError(
            f"{caller}: `{name}` must be a finite real number in {lb}{lo}, {hi}{rb}, "
            f"got {value!r}."
        )
    return value


def _check_bool(value, name, caller):
    """Validate a boolean flag."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(
            f"{caller}: `{name}` must be True or False, got {value!r}."
        )
    return bool(value)


def _check_choice(value, name, caller, options):
    """Validate a string option."""
    if not isinstance(value, str) or value not in options:
        allowed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{caller}: `{name}` must be one of {allowed}, got {value!r}.")
    return value
