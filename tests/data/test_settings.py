import pytest

from aitheme.data.settings import Settings, SettingsError, load_settings


def test_aitheme_toml_is_read_and_types_are_normalised(tmp_path, monkeypatch):
    monkeypatch.delenv("AITHEME_CONFIG")
    monkeypatch.delenv("AITHEME_CACHE_DIR")
    monkeypatch.delenv("AITHEME_OFFLINE")
    (tmp_path / "aitheme.toml").write_text(
        'base_currency = "KRW"\nfees = 0\nslippage = 0.001\nextra_benchmarks = ["SPY"]\n'
        'cache_dir = "/tmp/x"\nonline = true\n'
    )
    chosen = load_settings(folder=tmp_path)
    assert chosen.fees == 0.0 and isinstance(chosen.fees, float)
    assert chosen.extra_benchmarks == ("SPY",) and chosen.network_allowed
    assert chosen.run_defaults() == {"currency": "KRW", "fees": 0.0, "slippage": 0.001, "extra_benchmarks": ("SPY",)}
    assert chosen.origin.endswith("aitheme.toml")


def test_pyproject_tool_table_is_used_when_there_is_no_aitheme_toml(tmp_path, monkeypatch):
    monkeypatch.delenv("AITHEME_CONFIG")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.aitheme]\nfees = 0.002\n')
    chosen = load_settings(folder=tmp_path)
    assert chosen.fees == 0.002 and chosen.origin.endswith("[tool.aitheme]")


def test_unknown_key_is_an_error_naming_it(tmp_path):
    path = tmp_path / "aitheme.toml"
    path.write_text("fee = 0.001\n")
    with pytest.raises(SettingsError, match=r"unknown setting 'fee'; expected one of base_currency, fees"):
        load_settings(path)


@pytest.mark.parametrize(
    "line, words",
    [
        ("fees = true", "'fees' must be float or int"),
        ("online = 1", "'online' must be bool"),
        ("fees = -0.1", "'fees' must be >= 0"),
        ("extra_benchmarks = [1]", "list of tickers"),
        ('cache_dir = ""', "'cache_dir' must name a folder; got an empty path"),
    ],
)
def test_wrong_type_is_an_error_naming_the_key(tmp_path, line, words):
    path = tmp_path / "aitheme.toml"
    path.write_text(line + "\n")
    with pytest.raises(SettingsError, match=words):
        load_settings(path)


def test_environment_overrides_the_file_and_flags_override_both(tmp_path, monkeypatch):
    path = tmp_path / "aitheme.toml"
    path.write_text('cache_dir = "/from/file"\nonline = true\n')
    monkeypatch.setenv("AITHEME_CACHE_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("AITHEME_OFFLINE", "0")
    chosen = load_settings(path)
    assert chosen.cache_dir == str(tmp_path / "env") and chosen.network_allowed
    assert not chosen.with_flags(offline=True).network_allowed
    monkeypatch.setenv("AITHEME_OFFLINE", "1")
    assert not load_settings(path).network_allowed


def test_out_of_the_box_the_network_is_off():
    assert not Settings().network_allowed


def test_network_time_limits_have_defaults_and_are_read_as_seconds(tmp_path):
    assert (Settings().refresh_timeout, Settings().request_timeout) == (60.0, 10.0)
    path = tmp_path / "aitheme.toml"
    path.write_text("refresh_timeout = 5\nrequest_timeout = 2.5\n")
    chosen = load_settings(path)
    assert (chosen.refresh_timeout, chosen.request_timeout) == (5.0, 2.5)
    assert isinstance(chosen.refresh_timeout, float)
    assert chosen.with_flags(refresh_timeout=3.0).refresh_timeout == 3.0


@pytest.mark.parametrize("line", ["refresh_timeout = 0", "request_timeout = -1", "refresh_timeout = inf"])
def test_a_time_limit_must_be_a_positive_number_of_seconds(tmp_path, line):
    path = tmp_path / "aitheme.toml"
    path.write_text(line + "\n")
    with pytest.raises(SettingsError, match=r"must be a number of seconds > 0"):
        load_settings(path)
