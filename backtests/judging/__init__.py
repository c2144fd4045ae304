"""Judging: was a call right by its source's own yardstick (``verdict``), how a verdict reads (``wording``), and the
scorecard over the catalog (``scorecard``, statistics in ``hit_rates``)."""
