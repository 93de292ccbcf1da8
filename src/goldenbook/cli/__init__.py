"""The ``goldenbook`` command: one module per subcommand."""
