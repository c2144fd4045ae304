"""Measures of daily returns that every other part uses: performance figures (``metrics``) and the market model
with its event study (``event_study``). Plain numpy and pandas; no simulation, no calls."""
