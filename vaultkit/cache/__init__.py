"""What a run keeps for the next one in `.vaultkit/cache/`: parsed notes and finished output.

Only ever an optimisation: every doubt means reading afresh.
"""
