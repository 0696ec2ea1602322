"""``python -m policyopts.cli``: the same as the ``policyopts`` command."""

import sys

from policyopts.cli import main

if __name__ == "__main__":  # pragma: no cover - run in a subprocess by the tests
    sys.exit(main())
