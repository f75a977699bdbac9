"""``python -m kling_studio.cli``."""

from . import main

raise SystemExit(main())
