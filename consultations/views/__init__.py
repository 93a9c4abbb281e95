"""The open consultation's pages: ``public`` for everyone (timeline, nominee consent), ``participant`` for a
signed-in stakeholder's contributions, workshop requests and nominations."""
