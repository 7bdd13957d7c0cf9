"""``python -m attunement.training``: rebuild every shipped model."""

from .train import main

main()
