"""scikit-learn's own estimator checks on both estimators."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from sklearn_mtb import MultiTaskBackpropClassifier, MultiTaskBackpropRegressor

# Full-batch training without an internal validation split: every check passes, the
# sample-weight equivalence check included (weights and repeated rows give the same
# full-batch loss, up to rounding).
FULL_BATCH = dict(batch_size=256, validation_fraction=0.0, random_state=0)

# The defaults (online backprop, a random 10% validation split) pass every check but one:
# fitting with integer sample weights cannot equal fitting on repeated rows, because
# online SGD visits a repeated row several times per epoch (a weighted row once, with a
# larger step) and the random validation split draws from a different number of rows.
# The weights do act the same way in expectation; the full-batch estimators above pass
# the exact check.
DEFAULT_XFAIL = {
    "check_sample_weight_equivalence_on_dense_data": (
        "online SGD with a random validation split: weights equal repetition only in "
        "expectation; the full-batch configuration passes this check exactly"
    )
}


def _expected_failures(estimator):
    if estimator.get_params()["batch_size"] == 1:
        return DEFAULT_XFAIL
    return {}


@parametrize_with_checks(
    [
        MultiTaskBackpropRegressor(**FULL_BATCH),
        MultiTaskBackpropClassifier(**FULL_BATCH),
        MultiTaskBackpropRegressor(random_state=0),
        MultiTaskBackpropClassifier(random_state=0),
    ],
    expected_failed_checks=_expected_failures,
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
