import sys

from upperback.cli import main

sys.exit(main())
