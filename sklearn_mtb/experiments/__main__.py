"""``python -m sklearn_mtb.experiments alvinn|doors|mechanisms``."""

import sys

from sklearn_mtb.experiments import main

if __name__ == "__main__":
    sys.exit(main())
