"""``python -m attunement`` runs the ``attune`` command."""

from .cli import main

main()
