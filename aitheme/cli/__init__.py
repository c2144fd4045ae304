"""Subcommands of ``aitheme``: each module here has ``add_commands(subparsers)``."""
