"""Guardian (防骗守护): helps older people recognise telephone and text-message fraud."""

__version__ = "0.1.0"
