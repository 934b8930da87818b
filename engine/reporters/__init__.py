"""Reporters: findings → text (rich) or JSON. Machine output goes to stdout, the rest to stderr."""
