"""What each CLI command calls, beyond the build."""
