"""``python -m mask_core.cli`` runs the ``mask`` command line."""

from mask_core.cli import main

if __name__ == "__main__":
    main()
