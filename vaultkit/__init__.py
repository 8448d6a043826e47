"""vaultkit: a plain-text personal relationship manager over a vault of Markdown notes."""

__version__ = "0.1.0"
