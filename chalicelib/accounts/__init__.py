"""Accounts: sign-up, login, tokens, password reset, roles."""
