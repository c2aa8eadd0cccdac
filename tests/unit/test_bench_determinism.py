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
    assert without_timing(first) == without_timing(second)


def test_the_tables_have_the_specified_columns():
    config = measurement.Config(per_competence=1, profiles=2, competences=("2.1",), methods=("smart random", "ours"))
    text = measurement.tables(measurement.run(config))
    assert "| track | method | k | MAE_lvl | RMSE_lvl | bias | exact% | ±1% | MAE_pix | len | maxExp | >0.2% |" in text
    assert "k to target" in text
