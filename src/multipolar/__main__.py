"""``python -m multipolar`` runs the command line, as the ``multipolar`` script does."""

from multipolar.cli import main

main()
