import pandas as pd

from aitheme.backtests.pipeline import run_settings
from aitheme.backtests.runner import run
from aitheme.cli.main import main


def test_data_check_passes_on_the_snapshot_and_fails_on_a_bad_cache(tmp_path, monkeypatch, capsys):
    assert main(["data", "check"]) == 0
    assert "0 failing" in capsys.readouterr().out
    from aitheme.data import cache, settings

    monkeypatch.setenv("AITHEME_CACHE_DIR", str(tmp_path))
    days = pd.bdate_range("2026-08-03", periods=15)
    frame = pd.DataFrame(
        {"date": days, "open": 1.0, "high": 1.0, "low": 1.0, "close": -1.0, "adj_close": 1.0, "volume": 1.0}
    )
    cache.write_cached("NVDA", frame, {"source": "test"}, settings.Settings(cache_dir=str(tmp_path)))
    assert main(["data", "check", "NVDA"]) == 1
    assert "FAIL" in capsys.readouterr().out


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


def test_data_refresh_reports_what_failed_with_exit_1(tmp_path, monkeypatch, capsys):
    from aitheme.data import yahoo

    monkeypatch.setenv("AITHEME_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AITHEME_OFFLINE", "0")

    def no_network(tickers, request, **kwargs):
        raise yahoo.YahooError(dict.fromkeys(tickers, "ConnectionError: no route"), {})

    monkeypatch.setattr(yahoo, "fetch", no_network)
    assert main(["data", "refresh", "NVDA"]) == 1
    captured = capsys.readouterr()
    assert "NVDA: FAILED ConnectionError: no route" in captured.out
    assert "1 ticker(s) not refreshed: NVDA" in captured.err


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
