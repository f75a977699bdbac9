import sys

from .cli import run_server

sys.exit(run_server())
