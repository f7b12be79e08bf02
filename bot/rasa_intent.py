"""A Rasa intent classifier for small training sets: TF-IDF word and character n-grams, then a
class-balanced logistic regression whose strength is chosen by cross-validation on the training
data alone (imported only inside .venv-rasa, from config.yml).

    - name: bot.rasa_intent.TfidfIntentClassifier

Why: with ~750 examples, 210 of them `immediate_danger`, DIET's network gives near-certain
readings to text unlike anything it was trained on, mostly the largest intent (an unrelated
question read as danger, a disclosure of past abuse read as danger now). A linear model over
TF-IDF n-grams, classes weighted to their size, is better calibrated and more accurate on the
held-out split (`make nlu-eval`). DIET stays in the pipeline for entities (the area named).
Deterministic: fixed folds and solver seed. Reads message text only in memory; never logs it.
"""
from __future__ import annotations

import logging
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

logger = logging.getLogger(__name__)
FILE = "tfidf_intent.joblib"


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
        }

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Pipeline | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource, self.model = model_storage, resource, model

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
        texts, labels = [e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]
        folds = StratifiedKFold(self.config["folds"], shuffle=True, random_state=self.config["random_seed"])
        search = GridSearchCV(self._pipeline(), {"model__C": list(self.config["C"])}, cv=folds,
                              scoring="accuracy", n_jobs=1)
        search.fit(texts, labels)
        self.model = search.best_estimator_
        logger.info(f"TfidfIntentClassifier: C={search.best_params_['model__C']} "
                    f"(cross-validated accuracy {search.best_score_:.3f})")
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / FILE)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TfidfIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                return cls(config, model_storage, resource, joblib.load(directory / FILE))
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            probabilities = self.model.predict_proba([text])[0]
            ranked = sorted(zip(self.model.classes_, probabilities), key=lambda x: -x[1])
            ranking = [{"name": str(n), "confidence": float(p)} for n, p in ranked[: self.config["ranking_length"]]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
