"""kling-studio: Kling image-to-video from Jupyter, with a local emulator that needs no key."""
