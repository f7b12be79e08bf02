"""A Rasa intent classifier for small training sets (imported only inside .venv-rasa, from config.yml):
two views of the same training data, averaged.

    - name: bot.rasa_intent.TfidfIntentClassifier

1. TF-IDF word and character n-grams, then a class-balanced logistic regression whose strength
   is chosen by cross-validation on the training data alone;
2. nearest-example similarity (`bot.nlu.EmbeddedNLU`, trained here on the examples Rasa passes
   in, not read from disk): strong on short replies, exact phrasings and out-of-scope text.

Each intent's confidence is `weight` times (2) plus the rest times (1): 0.5, the two views
counting alike. Both views learn the FAQ topics as classes of their own (faq/marac, ...); in
each view `faq` scores its best topic, and the best topic overall goes out as `faq_topic`, which
pathbot reads before the ResponseSelector's choice (bot/rasa_turn.py).
Why not DIET: with ~1,600 examples, a third of them `immediate_danger`, DIET gave near-certain
readings to text unlike anything it was trained on, mostly the largest intent, and was less
accurate on the held-out split (`make nlu-eval`). DIET stays in the pipeline for entities.
Deterministic: fixed folds and solver seed. Reads message text only in memory; never logs it.
"""
from __future__ import annotations

import json
import logging
from collections import defaultdict
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from bot.nlu import EmbeddedNLU, normalise

logger = logging.getLogger(__name__)
FILE = "tfidf_intent.joblib"
EXAMPLES = "examples.json"
FAQ_TOPIC = "faq_topic"               # the best retrieval topic, e.g. "faq/marac"


def _intent(label: str) -> str:
    """The domain intent of a class: "faq/marac" -> "faq"."""
    return label.split("/", 1)[0]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": [1.0, 3.0, 10.0, 30.0, 100.0],   # searched by cross-validation on the training data
            "folds": 5,
            "word_ngrams": [1, 2],
            "char_ngrams": [1, 5],
            "random_seed": 0,
            "ranking_length": 10,
            "weight": 0.5,                         # of the nearest-example view: the two views count alike
        }

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Pipeline | None = None, examples: dict[str, list[str]] | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource, self.model = model_storage, resource, model
        self.nearest = EmbeddedNLU(examples=examples) if examples else None
        self.weight = float(self.config["weight"]) if self.nearest else 0.0

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TfidfIntentClassifier":
        return cls(config, model_storage, resource)

    def _pipeline(self) -> Pipeline:
        c = self.config
        features = FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=tuple(c["word_ngrams"]), sublinear_tf=True,
                                      token_pattern=r"(?u)\b\w+\b")),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(c["char_ngrams"]), sublinear_tf=True)),
        ])
        model = LogisticRegression(class_weight="balanced", max_iter=5000, random_state=c["random_seed"])
        return Pipeline([("features", features), ("model", model)])

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            return self._resource
        texts, labels = [normalise(e.get(TEXT)) for e in examples], [e.get_full_intent() for e in examples]
        folds = StratifiedKFold(self.config["folds"], shuffle=True, random_state=self.config["random_seed"])
        search = GridSearchCV(self._pipeline(), {"model__C": list(self.config["C"])}, cv=folds,
                              scoring="accuracy", n_jobs=1)
        search.fit(texts, labels)
        self.model = search.best_estimator_
        logger.info(f"TfidfIntentClassifier: C={search.best_params_['model__C']} "
                    f"(cross-validated accuracy {search.best_score_:.3f})")
        raw = [e.get(TEXT) for e in examples]
        self.nearest = EmbeddedNLU(examples=_by_intent(raw, labels))
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / FILE)
            (directory / EXAMPLES).write_text(json.dumps(_by_intent(raw, labels), sort_keys=True), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TfidfIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                examples = json.loads((directory / EXAMPLES).read_text(encoding="utf-8"))
                return cls(config, model_storage, resource, joblib.load(directory / FILE), examples)
        except (ValueError, KeyError, FileNotFoundError):
            return cls(config, model_storage, resource)

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            ranked, topics = _combine(self.model, self.nearest, text, self.weight)
            if topics:
                message.set(FAQ_TOPIC, max(topics, key=topics.get), add_to_output=True)
            ranking = [{"name": n, "confidence": p} for n, p in ranked[: self.config["ranking_length"]]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def _by_intent(texts: list[str], labels: list[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for text, label in zip(texts, labels):
        grouped[label].append(text)
    return dict(grouped)


def _combine(model: Pipeline, nearest: EmbeddedNLU | None, text: str,
             weight: float) -> tuple[list[tuple[str, float]], dict[str, float]]:
    """Intents ranked by the weighted views, and the FAQ topics' combined scores. In each view an
    intent scores its best class (seven small FAQ topics must not outvote one large intent)."""
    regression = [(str(n), float(p)) for n, p in zip(model.classes_, model.predict_proba([normalise(text)])[0])]
    similarity = nearest.ranking(text) if nearest and weight else []
    scores: dict[str, float] = defaultdict(float)
    topics: dict[str, float] = defaultdict(float)
    for view, share in ((regression, 1 - weight), (similarity, weight)):
        best: dict[str, float] = {}
        for name, p in view:
            best[_intent(name)] = max(best.get(_intent(name), 0.0), p)
            if name != _intent(name):
                topics[name] += share * p
        for name, p in best.items():
            scores[name] += share * p
    return sorted(scores.items(), key=lambda x: -x[1]), topics
