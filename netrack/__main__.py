from netrack.cli.main import main

raise SystemExit(main())
