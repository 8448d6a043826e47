"""Living reports: rendered into the vault by `report`, and kept current by `watch`."""
