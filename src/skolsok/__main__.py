"""``python -m skolsok`` runs the command line."""

from .cli import main

main()
