"""Files vaultkit ships: the config and contact templates `init` writes, report templates."""
