"""``python -m mask_server``: the ``mask-server`` command."""

from mask_server.cli import run

if __name__ == "__main__":
    run()
