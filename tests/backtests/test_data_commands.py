import pandas as pd
import pytest

from aitheme.backtests.engine.pipeline import run_settings
from aitheme.backtests.runner import run
from aitheme.cli.main import main


def _raw_cache(folder, ticker, frame, meta=True):
    """A cache file as a disk may hold it, past ``write_cached``'s checks."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if meta:
        stamp = json.dumps({"ticker": ticker, "source": "test"}).encode()
        table = table.replace_schema_metadata({**table.schema.metadata, b"aitheme": stamp})
    path = folder / "prices" / f"{ticker}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


def _frame(days, close=1.0):
    return pd.DataFrame(
        {"date": days, "open": 1.0, "high": 1.0, "low": 1.0, "close": close, "adj_close": 1.0, "volume": 1.0}
    )


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("AITHEME_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_data_check_passes_on_the_snapshot_and_fails_on_a_bad_cache(cache_dir, capsys):
    assert main(["data", "check"]) == 0
    assert "0 failing" in capsys.readouterr().out
    _raw_cache(cache_dir, "NVDA", _frame(pd.bdate_range("2026-08-03", periods=15), close=-1.0))
    assert main(["data", "check", "NVDA"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "non_positive" in out and "expected prices > 0" in out


def test_data_check_reports_duplicated_dates_instead_of_crashing(cache_dir, capsys):
    days = pd.DatetimeIndex([*pd.bdate_range("2026-08-03", periods=20), "2026-08-20"])
    _raw_cache(cache_dir, "NVDA", _frame(days, close=[float(i) for i in range(100, 121)]))
    assert main(["data", "check", "NVDA"]) == 1
    captured = capsys.readouterr()
    assert "duplicate_date  2026-08-20" in captured.out and captured.err == ""


@pytest.mark.parametrize("damage", ["truncated", "no metadata", "tz-aware", "all-NaN closes"])
def test_data_check_and_status_name_an_unusable_cache_file_and_exit_1(damage, cache_dir, capsys):
    days = pd.bdate_range("2026-08-03", periods=15)
    frame = _frame(days, close=float("nan")) if damage == "all-NaN closes" else _frame(days)
    if damage == "tz-aware":
        frame["date"] = days.tz_localize("Asia/Seoul")
    path = _raw_cache(cache_dir, "NVDA", frame, meta=damage != "no metadata")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    assert main(["data", "check", "NVDA"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "NVDA" in out and "Traceback" not in out
    assert main(["data", "status", "NVDA"]) == 1
    captured = capsys.readouterr()
    assert "cache file unusable" in captured.out
    assert captured.err.count("\n") == 1 and "cache file(s) unusable (NVDA)" in captured.err


def test_data_status_says_when_an_older_cache_gives_way_to_the_snapshot(cache_dir, capsys):
    _raw_cache(cache_dir, "NVDA", _frame(pd.bdate_range("2024-01-02", periods=15)))
    assert main(["data", "status", "NVDA"]) == 0
    assert "snapshot (newer than the cache)" in capsys.readouterr().out
    assert main(["data", "check", "NVDA"]) == 0
    assert "cache_older" in capsys.readouterr().out


def test_a_file_where_the_cache_folder_should_be_is_one_line_with_exit_codes(tmp_path, monkeypatch, capsys):
    (tmp_path / "cache").write_text("a file")
    monkeypatch.setenv("AITHEME_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["data", "status", "NVDA"]) == 1
    assert capsys.readouterr().err.startswith("aitheme: cache folder ")
    assert main(["data", "check", "NVDA"]) == 1
    monkeypatch.setenv("AITHEME_OFFLINE", "0")
    assert main(["data", "refresh", "NVDA"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aitheme: error: cache folder ") and "expected a folder; found a file" in err
    assert err.count("\n") == 1


def test_data_status_prints_a_row_per_ticker_and_writes_the_page(tmp_path, capsys):
    assert main(["data", "status", "NVDA", "^KS11", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "NVDA" in out and "^KS11" in out and "snapshot" in out
    csv = pd.read_csv(tmp_path / "data_status.csv")
    assert {"NVDA", "^KS11", "KRW=X"} <= set(csv["ticker"])  # the page covers every ticker on the machine
    assert "Price data status" in (tmp_path / "data_status.html").read_text()


def test_data_refresh_offline_is_a_one_line_error(capsys):
    assert main(["data", "refresh", "NVDA", "--offline"]) == 2
    assert capsys.readouterr().err.startswith("aitheme: error: refresh needs the network")


@pytest.mark.parametrize(
    "argv, words",
    [
        (["data", "refresh", "NOPE"], "unknown ticker 'NOPE'"),
        (["data", "refresh", "NVDA", "--timeout", "0"], "--timeout must be a number of seconds > 0; got 0"),
        (["data", "status", "NOPE"], "unknown ticker 'NOPE'"),
        (["data", "check", "NOPE"], "unknown ticker 'NOPE'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, words, cache_dir, monkeypatch, capsys):
    monkeypatch.setenv("AITHEME_OFFLINE", "0")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("aitheme: error: ") and words in err and err.count("\n") == 1


def test_data_refresh_reports_what_failed_with_exit_1(cache_dir, monkeypatch, capsys):
    from aitheme.data import yahoo

    monkeypatch.setenv("AITHEME_OFFLINE", "0")

    def no_network(tickers, request, **kwargs):
        raise yahoo.YahooError(dict.fromkeys(tickers, "ConnectionError: no route"), {}, "network unreachable (x)")

    monkeypatch.setattr(yahoo, "fetch", no_network)
    assert main(["data", "refresh", "NVDA"]) == 1
    captured = capsys.readouterr()
    assert "NVDA: FAILED ConnectionError: no route" in captured.out
    assert "1 ticker(s) not refreshed (network unreachable (x)): NVDA" in captured.err


def test_data_refresh_with_everything_fetched_exits_0(cache_dir, monkeypatch, capsys):
    from aitheme.data import yahoo

    monkeypatch.setenv("AITHEME_OFFLINE", "0")
    days = pd.bdate_range("2026-08-03", periods=15)

    def fetched(tickers, request, **kwargs):
        return {t: _frame(days, close=[100.0 + i for i in range(15)]) for t in tickers}

    monkeypatch.setattr(yahoo, "fetch", fetched)
    assert main(["data", "refresh", "NVDA", "--timeout", "5"]) == 0
    captured = capsys.readouterr()
    assert "NVDA: downloaded 15 rows" in captured.out and "(time limit 5 s)" in captured.err


def test_settings_file_sets_run_defaults_and_flags_win(tmp_path, monkeypatch):
    config = tmp_path / "aitheme.toml"
    config.write_text('fees = 0.0\nslippage = 0.0\nextra_benchmarks = ["SOXX"]\n')
    monkeypatch.setenv("AITHEME_CONFIG", str(config))
    from aitheme.data import settings

    with settings.use(settings.load_settings()):
        chosen = run_settings(fees=0.002)
        assert (chosen.fees, chosen.slippage, chosen.extra_benchmarks) == (0.002, 0.0, ("SOXX",))
        result = run("top_picks")
    assert list(result.benchmark_returns.columns)[-1] == "SOXX"
    assert result.settings.fees == 0.0


def test_run_with_a_settings_file_writes_the_data_status_beside_the_reports(tmp_path, monkeypatch):
    config = tmp_path / "aitheme.toml"
    config.write_text("fees = 0.0\n")
    out = tmp_path / "out"
    assert main(["run", "top_picks", "--config", str(config), "--offline", "--quiet", "--out", str(out)]) == 0
    import json

    meta = json.loads((out / "top_picks" / "metrics.json").read_text())["run"]
    assert meta["settings"]["fees"] == 0.0
    assert all(source.startswith("snapshot (") for source in meta["data"]["source"].values())
    assert (out / "data_status.html").is_file() and (out / "data_status.csv").is_file()


def test_unknown_key_in_the_settings_file_stops_the_run_with_one_line(tmp_path, capsys):
    config = tmp_path / "aitheme.toml"
    config.write_text("feez = 0.0\n")
    assert main(["run", "top_picks", "--config", str(config), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aitheme: error: ") and "unknown setting 'feez'" in err and err.count("\n") == 1
