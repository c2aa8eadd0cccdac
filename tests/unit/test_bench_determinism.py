"""The measurement benchmark gives the same figures from run to run (all but the timing columns)."""

from bench import measurement

TIMING = set(measurement.TIMING_KEYS)


def without_timing(result: dict) -> dict:
    for track in result["tracks"].values():
        for curves in track["methods"].values():
            for key in TIMING:
                curves.pop(key)
    return result


def test_two_runs_of_a_reduced_benchmark_agree():
    config = measurement.Config(per_competence=2, profiles=3, competences=("1.1", "3.4"))
    first = measurement.run(config)
    second = measurement.run(config)
    assert first["tracks"]["P"]["methods"].keys() >= {"smart random", "random + EAP", "flash", "ours"}
    assert len(first["tracks"]["C"]["methods"]["ours"]["MAE_lvl"]) == measurement.BUDGET["C"] + 1
    assert "ours, no stop" in first["tracks"]["P"]["methods"]  # our curve past the stop, positioning only
    assert "ours, no stop" not in first["tracks"]["C"]["methods"]
    assert without_timing(first) == without_timing(second)


def test_the_tables_have_the_specified_columns():
    config = measurement.Config(per_competence=1, profiles=2, competences=("2.1",), methods=("smart random", "ours"))
    text = measurement.tables(measurement.run(config))
    assert "| track | method | k | MAE_lvl | RMSE_lvl | bias | exact% | ±1% | MAE_pix | len | maxExp | >0.2% |" in text
    assert "k to target" in text


def test_the_stop_table_gives_each_methods_natural_length_and_accuracy():
    config = measurement.Config(per_competence=2, competences=("2.1", "3.4"), tracks=("P",), methods=("ours",))
    result = measurement.run(config)
    stop = result["tracks"]["P"]["stop"]["ours"]
    curves = result["tracks"]["P"]["methods"]["ours"]
    assert stop["len"] == curves["len"][-1]  # the mean natural length
    assert stop["MAE_lvl"] == curves["MAE_lvl"][-1]  # the error where the test ended
    assert 6 <= stop["p50"] <= stop["p90"] <= stop["max"] <= 15
    assert "| track | method | len | p50 | p90 | max | MAE_lvl | ±1% |" in measurement.tables(result)
