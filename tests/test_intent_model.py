"""The shipped intent classifier, its example data and the language detector."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

import prompts
from assistant.config import REPO_ROOT
from assistant.planner.understand import language
from assistant.planner.understand.examples import load_examples, normalise, split_of
from assistant.planner.understand.intent_model import CONFIDENT, MODEL_PATH, IntentModel
from assistant.planner.understand.language import detect_language
from assistant.planner.understand.train import macro_f1
from eval.suite import load_suite

EXAMPLES = load_examples()
HELDOUT = [e for e in EXAMPLES if e.split == "heldout"]


@pytest.fixture(scope="module")
def model(embedder) -> IntentModel:
    return IntentModel.load(embedder)


@pytest.fixture(scope="module")
def heldout_predictions(model: IntentModel):
    return model.predict_many([e.text for e in HELDOUT])


def test_heldout_macro_f1_reaches_target(model: IntentModel, heldout_predictions) -> None:
    truth = np.array([model.labels.index(e.intent) for e in HELDOUT])
    predicted = np.array([model.labels.index(p.label) for p in heldout_predictions])
    assert macro_f1(truth, predicted) >= 0.90


def test_wrong_predictions_are_less_confident(heldout_predictions) -> None:
    right = [
        p.confidence
        for e, p in zip(HELDOUT, heldout_predictions, strict=True)
        if p.label == e.intent
    ]
    wrong = [
        p.confidence
        for e, p in zip(HELDOUT, heldout_predictions, strict=True)
        if p.label != e.intent
    ]
    assert wrong, "no held-out errors: the held-out split is too easy to say anything"
    assert np.mean(wrong) < np.mean(right)


def test_prediction_ranks_every_intent(model: IntentModel) -> None:
    prediction = model.predict("where is the blender I ordered last week?")
    assert prediction.label == "order_status"
    assert [label for label, _ in prediction.ranked][0] == prediction.label
    assert sorted(label for label, _ in prediction.ranked) == sorted(model.labels)
    assert sum(p for _, p in prediction.ranked) == pytest.approx(1.0, abs=1e-3)
    assert prediction.confidence == prediction.ranked[0][1]
    assert model.predict_many([]) == []
    vectors = model.embedder.embed(["where is the blender I ordered last week?"])
    assert model.predict_many(["where is the blender I ordered last week?"], vectors) == [
        prediction
    ]


def test_threshold_is_the_one_chosen_in_training() -> None:
    with np.load(MODEL_PATH) as data:
        assert CONFIDENT == pytest.approx(float(data["confident"]), abs=1e-6)
        assert set(str(label) for label in data["labels"]) == {e.intent for e in EXAMPLES}


def test_every_intent_has_enough_examples_and_a_heldout_share() -> None:
    for intent in {e.intent for e in EXAMPLES}:
        mine = [e for e in EXAMPLES if e.intent == intent]
        assert len(mine) >= 55, intent
        assert any(e.split == "heldout" for e in mine), intent
    share = len(HELDOUT) / len(EXAMPLES)
    assert 0.15 < share < 0.25


def test_split_is_a_stable_function_of_the_normalised_text() -> None:
    assert split_of("Where is my order?") == split_of("  where IS my   order? ")
    splits = {split_of(f"example {i}") for i in range(200)}
    assert splits == {"heldout", "validation", "fit"}


def test_an_utterance_in_two_intents_is_rejected(tmp_path: Path) -> None:
    for intent in ("thanks", "goodbye"):
        doc = {"intent": intent, "groups": [{"source": "test", "examples": ["Thanks, bye"]}]}
        (tmp_path / f"{intent}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(ValueError, match="already an example"):
        load_examples(tmp_path)


def eval_utterances() -> set[str]:
    """Every user turn of every dialogue suite under eval/ (normalised)."""
    found = set()
    for path in sorted((REPO_ROOT / "eval").rglob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict) and "suite" in raw:
            for dialogue in load_suite(path).dialogues:
                found.update(normalise(turn.user) for turn in dialogue.turns)
    return found


def test_no_training_example_is_an_eval_turn() -> None:
    turns = eval_utterances()
    assert turns, "no eval suites found"
    shared = sorted(e.text for e in EXAMPLES if normalise(e.text) in turns)
    assert not shared


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bosch dishwasher", "en"),
        ("ok", "en"),
        ("P00012", "en"),
        ("", "en"),
        ("thanks!! 🙏", "en"),
        ("Crème de la Mer moisturiser", "en"),
        ("is the Le Creuset pan in stock?", "en"),
        ("any update on my Nike Air Max?", "en"),
        ("¿Dónde está mi pedido?", "es"),
        ("quiero unos zapatos baratos", "es"),
        ("hola", "es"),
        ("我想买一个洗碗机", "zh"),
        ("Bosch 洗碗机多少钱", "zh"),
        ("我的订单到哪了？", "zh"),
        ("où est ma commande ?", "fr"),
        ("je cherche une veste pour l'hiver", "fr"),
        ("Wo ist meine Bestellung?", "de"),
        ("ich suche günstige Kopfhörer", "de"),
        ("Onde está o meu pedido?", "pt"),
        ("quero um tênis barato", "pt"),
        ("Dov'è il mio ordine?", "it"),
        ("cerco un regalo per mia madre", "it"),
        ("Waar is mijn bestelling?", "nl"),
        ("mi paquete no llega, me ayudan?", "es"),
        ("Где мой заказ?", "ru"),
        ("Де моє замовлення? Її досі немає", "uk"),
        ("注文はどこですか", "ja"),
        ("주문 어디 있어요", "ko"),
        ("أين طلبي", "ar"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_language_words_load_as_words() -> None:
    """YAML reads a bare no, yes or on as a boolean: such a word would never be counted."""
    for entry in language._data()["latin"].values():
        assert all(isinstance(w, str) for w in [*entry["words"], *entry["alone"]])


def test_every_detectable_language_has_a_reply() -> None:
    data = language._data()
    codes = set(data["scripts"].values()) | set(data["variants"]) | set(data["latin"])
    replies = prompts.load_yaml("other_language.yaml")
    assert codes - {"en"} == set(replies)
    assert all(isinstance(text, str) and text for text in replies.values())
