"""The pages of the WSIS Prizes, one module per audience: participants (``participant``)."""
