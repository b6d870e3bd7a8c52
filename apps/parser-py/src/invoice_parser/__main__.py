"""`python -m invoice_parser ...`"""

import sys

from invoice_parser.cli import main

sys.exit(main())
