"""Exit codes: 0 no finding at or above ``--fail-on``; 1 there are; 2 usage, configuration or internal error."""

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
