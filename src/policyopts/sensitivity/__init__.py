"""How far to trust a ranking: SMAA, one-way sensitivity, stability intervals,
what flips the top option, tornado and Sobol indices."""
