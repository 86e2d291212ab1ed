"""One module per group of subcommands; each ``run_*`` takes (args, context)."""
