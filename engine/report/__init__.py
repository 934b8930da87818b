"""The report stage: findings → text, JSON, CSV; the AST for ``gixlint parse``; the run's overview."""
