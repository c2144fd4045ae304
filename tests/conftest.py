import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def synthetic_close():
    """Three assets on 60 business days, random walks with a fixed seed."""
    index = pd.bdate_range("2023-01-02", periods=60)
    rng = np.random.default_rng(7)
    paths = 100 * np.exp(np.cumsum(rng.normal(0, 0.02, (60, 3)), axis=0))
    return pd.DataFrame(paths, index=index, columns=["AAA", "BBB", "CCC"])
