"""Facts the rules need: TLS cipher suites and protocol versions, read from generated data files."""
