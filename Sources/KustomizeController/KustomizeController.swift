// KustomizeController
