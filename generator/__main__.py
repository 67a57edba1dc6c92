"""``python -m generator`` runs the command line."""

from .console import main

main()
