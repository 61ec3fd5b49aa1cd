"""Entry point for ``python -m summarize_cli``."""

from summarize_cli.cli import main

main()
