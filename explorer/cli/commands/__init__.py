"""The sub-commands, one module per family; each registers itself with
:func:`explorer.cli.registry.command`."""
