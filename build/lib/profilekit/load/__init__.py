"""Reading profile YAML: positions, YAML 1.2 values, imports, input limits and secret detection."""
