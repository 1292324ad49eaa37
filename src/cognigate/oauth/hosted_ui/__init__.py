"""The hosted UI: server-rendered sign-in, sign-up, recovery and MFA pages of a pool domain."""
