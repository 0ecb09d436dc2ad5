import sys

from govinfo.cli import main

sys.exit(main())
