import sys

from asfledger.cli import main

sys.exit(main())
