"""Research tools on top of the engine: parameter sweeps (``sweep``), walk-forward (``walkforward``), random
baskets (``luck``) and the speed benchmark (``bench``). No verdicts: they never import the judging."""
