"""Living reports: rendered into the vault by `report`, kept current by `watch`, which also
answers the report commands while it runs (the server and the client of those queries)."""
