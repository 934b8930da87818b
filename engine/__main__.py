from gixlint.cli import main

raise SystemExit(main())
