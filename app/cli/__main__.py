"""`python -m app.cli`: the same command line as the `aipack` script."""

from app.cli import main

main()
