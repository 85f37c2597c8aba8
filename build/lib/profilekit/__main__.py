"""`python -m profilekit` runs the CLI."""

from profilekit.cli import main

main()
