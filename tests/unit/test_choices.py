import pytest

from bot.domain.choices import choice_number, numbered_prompt, numbered_text


@pytest.mark.parametrize(
    ("text", "number"), [("1", 1), (" 2 ", 2), ("#3", 3), ("1.", 1), ("4)", 4)]
)
def test_choice_numbers(text: str, number: int) -> None:
    assert choice_number(text) == number


@pytest.mark.parametrize("text", [None, "", "0", "10", "one", "1 please", "add 1 case"])
def test_other_text_is_no_choice(text: str | None) -> None:
    assert choice_number(text) is None


def test_numbered_text_lists_each_title_on_its_line() -> None:
    text = numbered_text("Add a case for $19.00?", ["Yes, add it", "No thanks"])

    assert text == "Add a case for $19.00?\nReply with a number:\n1. Yes, add it\n2. No thanks"


def test_no_titles_no_prompt() -> None:
    assert numbered_prompt([]) == ""
    assert numbered_text("Hello", []) == "Hello"


def test_at_most_nine_choices() -> None:
    prompt = numbered_prompt([f"option {n}" for n in range(1, 12)])

    assert prompt.splitlines()[-1] == "9. option 9"
