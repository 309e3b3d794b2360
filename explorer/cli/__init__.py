"""The headless face of cnn-explorer: sub-commands over ``explorer.core``, JSON out.

* :mod:`explorer.cli.main` — ``main(argv)``: parse, run, turn a user mistake into one line.
* :mod:`explorer.cli.registry` — every sub-command registers itself; the parser is built from
  the registry.
* :mod:`explorer.cli.commands` — one module per family of sub-commands.
* :mod:`explorer.cli.output` and :mod:`explorer.cli.model_args` — what the commands share.
"""
