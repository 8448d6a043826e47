from vaultkit.words import FIRST_FEW, first_few


def test_a_short_list_is_said_in_full():
    assert first_few([]) == ""
    assert first_few(["Ann"]) == "Ann"
    assert first_few(["Ann", "Bo", "Cy"]) == "Ann, Bo and Cy"


def test_a_long_list_names_the_first_few_and_counts_the_rest():
    names = [f"P{n}" for n in range(109)]
    assert FIRST_FEW == 8
    assert first_few(names) == "P0, P1, P2, P3, P4, P5, P6, P7 and 101 more"


def test_each_item_is_said_as_the_caller_says_it():
    assert first_few([1, 2], lambda n: f"#{n}") == "#1 and #2"
