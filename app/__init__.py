"""triggermap: an interactive explorer of myofascial trigger points and their referred pain."""

__version__ = "0.1.0"
