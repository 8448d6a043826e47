"""Moving contacts in and out of the vault: vCard, CSV, JSON."""
